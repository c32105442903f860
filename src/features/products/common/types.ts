export interface ProductInfo {
  model: string;
  name: string;
  productLine: string;
  warrantyMonths: number;
  accessories: string[];
}
