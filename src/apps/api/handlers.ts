import type { ParsedInput, MethodName, MethodOutput } from '../../base/common/rpc.ts';
import type { ServiceContext } from '../../base/node/handlers.ts';
import { backupHandlers } from '../../features/backup/node/index.ts';
import { benchHandlers } from '../../features/bench/node/index.ts';
import { casesHandlers } from '../../features/cases/node/index.ts';
import { syncHandlers } from '../../features/portal-sync/node/index.ts';
import { locationsHandlers } from '../../features/locations/node/index.ts';
import { supplierReturnsHandlers } from '../../features/supplier-returns/node/index.ts';
import { productsHandlers } from '../../features/products/node/index.ts';
import { receivingHandlers } from '../../features/receiving/node/index.ts';
import { reportsHandlers } from '../../features/reports/node/index.ts';
import { settingsHandlers } from '../../features/settings/node/index.ts';
import { setupHandlers } from '../../features/setup/node/index.ts';
import { shippingHandlers } from '../../features/shipping/node/index.ts';
import { stockHandlers } from '../../features/stock/node/index.ts';
import { usersHandlers } from '../../features/users/node/index.ts';

type Handlers = {
  [M in MethodName]: (ctx: ServiceContext, input: ParsedInput<M>) => Promise<MethodOutput<M>>;
};

/** The one handler map; its type makes its keys exactly the contract's methods. */
export const handlers: Handlers = {
  ...setupHandlers,
  ...usersHandlers,
  ...casesHandlers,
  ...settingsHandlers,
  ...locationsHandlers,
  ...productsHandlers,
  ...supplierReturnsHandlers,
  ...stockHandlers,
  ...receivingHandlers,
  ...benchHandlers,
  ...shippingHandlers,
  ...syncHandlers,
  ...reportsHandlers,
  ...backupHandlers,
};
