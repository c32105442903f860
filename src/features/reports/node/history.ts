import type { Status } from '../../cases/common/index.ts';
import type { Step } from '../common/clock.ts';

/** Case history as the clock reads it. */

export interface HistoryRow {
  case_id: number | string;
  at: string;
  to_status: string;
}

/** History rows (in case and history order) grouped into each case's steps. */
export function stepsByCase(rows: readonly HistoryRow[]): Map<number, Step[]> {
  const steps = new Map<number, Step[]>();
  let current: Step[] = [];
  let currentId = -1;
  for (const row of rows) {
    const id = Number(row.case_id);
    if (id !== currentId) {
      currentId = id;
      current = [];
      steps.set(id, current);
    }
    current.push({ at: Date.parse(row.at), status: row.to_status as Status });
  }
  return steps;
}

export const allInstants = (steps: Map<number, Step[]>, now: number): number[] => {
  const instants = [now];
  for (const list of steps.values()) for (const step of list) instants.push(step.at);
  return instants;
};

