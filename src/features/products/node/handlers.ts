import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { productsMethods } from '../common/contract.ts';
import { listProducts } from './store.ts';

export const productsHandlers: HandlersFor<typeof productsMethods> = {
  'products.list': (ctx) => listProducts(ctx.db),
};
