import type { HandlersFor } from '../../../base/node/handlers.ts';
import type { locationsMethods } from '../common/contract.ts';
import { locationLabelPdf } from './label.ts';
import { findUnits, listLocations, moveUnit, saveLocation, setLocationActive, trailOfCase, unitAt } from './store.ts';

export const locationsHandlers: HandlersFor<typeof locationsMethods> = {
  'locations.list': (ctx, input) => listLocations(ctx, input),
  'locations.save': (ctx, input) => saveLocation(ctx, input),
  'locations.setActive': (ctx, input) => setLocationActive(ctx, input),
  'locations.label': (ctx, input) => locationLabelPdf(ctx, input),
  'locations.unit': (ctx, input) => unitAt(ctx, input),
  'locations.move': (ctx, input) => moveUnit(ctx, input),
  'locations.ofCase': (ctx, input) => trailOfCase(ctx, input),
  'locations.find': (ctx, input) => findUnits(ctx, input),
};
