import type { DepotMethods } from '../../base/common/rpc.ts';
import { backupMethods } from '../../features/backup/common/index.ts';
import { benchMethods } from '../../features/bench/common/index.ts';
import { casesMethods } from '../../features/cases/common/index.ts';
import { syncMethods } from '../../features/portal-sync/common/index.ts';
import { locationsMethods } from '../../features/locations/common/index.ts';
import { supplierReturnsMethods } from '../../features/supplier-returns/common/index.ts';
import { productsMethods } from '../../features/products/common/index.ts';
import { receivingMethods } from '../../features/receiving/common/index.ts';
import { reportsMethods } from '../../features/reports/common/index.ts';
import { settingsMethods } from '../../features/settings/common/index.ts';
import { setupMethods } from '../../features/setup/common/index.ts';
import { shippingMethods } from '../../features/shipping/common/index.ts';
import { stockMethods } from '../../features/stock/common/index.ts';
import { usersMethods } from '../../features/users/common/index.ts';

/**
 * The one API contract at run time: every feature's methods with their input schemas and who may
 * call them. IPC, HTTP and direct calls all dispatch through it. The type says that no feature's
 * methods are missing here.
 */
export const api: DepotMethods = {
  ...setupMethods,
  ...usersMethods,
  ...casesMethods,
  ...settingsMethods,
  ...locationsMethods,
  ...productsMethods,
  ...supplierReturnsMethods,
  ...stockMethods,
  ...receivingMethods,
  ...benchMethods,
  ...shippingMethods,
  ...syncMethods,
  ...reportsMethods,
  ...backupMethods,
};

export type { MethodInput, MethodName, MethodOutput, ParsedInput } from '../../base/common/rpc.ts';

export const isMethodName = (name: unknown): name is keyof DepotMethods =>
  typeof name === 'string' && Object.hasOwn(api, name);
