import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { supplierReturnsMethods } from '../common/contract.ts';
import { masterListCsv, masterListPdf } from './masterList.ts';
import {
  addPart,
  addUnit,
  closeReturn,
  creditItem,
  getReturn,
  listReturns,
  listVendors,
  openReturn,
  overdueReturns,
  shipReturn,
  supplierItemsOfCase,
} from './store.ts';

export const supplierReturnsHandlers: HandlersFor<typeof supplierReturnsMethods> = {
  'supplierReturns.list': (ctx, input) => listReturns(ctx, input),
  'supplierReturns.vendors': (ctx) => listVendors(ctx),
  'supplierReturns.open': (ctx, input) => openReturn(ctx, input),
  'supplierReturns.get': (ctx, input) => getReturn(ctx, input),
  'supplierReturns.addUnit': (ctx, input) => addUnit(ctx, input),
  'supplierReturns.addPart': (ctx, input) => addPart(ctx, input),
  'supplierReturns.masterList': (ctx, input) => masterListPdf(ctx, input),
  'supplierReturns.masterListCsv': (ctx, input) => masterListCsv(ctx, input),
  'supplierReturns.ship': (ctx, input) => shipReturn(ctx, input),
  'supplierReturns.credit': (ctx, input) => creditItem(ctx, input),
  'supplierReturns.close': (ctx, input) => closeReturn(ctx, input),
  'supplierReturns.ofCase': (ctx, input) => supplierItemsOfCase(ctx, input),
  'supplierReturns.overdue': (ctx, input) => overdueReturns(ctx, input),
};
