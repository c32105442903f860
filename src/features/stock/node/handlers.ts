import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { stockMethods } from '../common/contract.ts';
import { listUnits, receiveStock, setMinimum, stockLevels } from './store.ts';

export const stockHandlers: HandlersFor<typeof stockMethods> = {
  'stock.units': (ctx, input) => listUnits(ctx, input),
  'stock.levels': (ctx) => stockLevels(ctx.db),
  'stock.receive': (ctx, input) => receiveStock(ctx, input),
  'stock.setMinimum': (ctx, input) => setMinimum(ctx, input),
};
