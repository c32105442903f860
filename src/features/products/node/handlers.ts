import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { productsMethods } from '../common/contract.ts';
import { listProducts, saveProduct, setProductActive } from './store.ts';

export const productsHandlers: HandlersFor<typeof productsMethods> = {
  'products.list': (ctx, input) => listProducts(ctx, input),
  'products.save': (ctx, input) => saveProduct(ctx, input),
  'products.setActive': (ctx, input) => setProductActive(ctx, input),
};
