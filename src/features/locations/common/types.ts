import type { Status } from '../../cases/common/index.ts';
import type { LocationKind } from './kinds.ts';

export interface LocationInfo {
  id: number;
  /** What the location's label prints as a barcode and the move screen reads. */
  code: string;
  name: string;
  kind: LocationKind;
  /** A retired location takes no new moves; the units moved there keep it in their trail. */
  active: boolean;
  /** Rises with every change: a change made against an older version is refused. */
  version: number;
}

/** Where a unit is: the location it was last moved to, since when and by whom. */
export interface UnitPlace {
  location: Pick<LocationInfo, 'id' | 'code' | 'name' | 'kind'>;
  since: string;
  movedBy: string;
}

/** A unit as the move screen's first scan finds it. */
export interface UnitAt {
  rma: string;
  serial: string;
  status: Status;
  /** Null until the unit's first move. */
  place: UnitPlace | null;
  /** Of the unit's place: a move names it, so of two stations moving one unit at once one wins. 0 before the first move. */
  placeVersion: number;
}

/** One move of a unit's trail. */
export interface TrailMove {
  id: number;
  location: Pick<LocationInfo, 'code' | 'name' | 'kind'>;
  at: string;
  by: string;
}

export interface UnitTrail {
  unit: UnitAt;
  /** Newest first. */
  trail: TrailMove[];
}
