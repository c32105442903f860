export * from './batch.ts';
export * from './labels.ts';
export * from './render.ts';
export * from './sheets.ts';
export * from './types.ts';
export * from './zpl.ts';
export { code128Canvas, dotsToPt, fitCode128 } from './barcode.ts';
