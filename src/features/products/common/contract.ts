import { empty, method } from '../../../base/common/rpc.ts';
import type { ProductInfo } from './types.ts';

export const productsMethods = {
  'products.list': method<ProductInfo[]>()({
    input: empty,
    access: 'signed-in',
    summary: 'The products the depot services, with the accessories each ships with.',
  }),
} as const;

type ProductsMethods = typeof productsMethods;
declare module '../../../base/common/rpc.ts' {
  interface DepotMethods extends ProductsMethods {}
}
