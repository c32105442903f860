import { describe, expect, it } from 'vitest';
import { findTransition, nextStatuses, openStatuses, portalStatusFor, statuses, transitions } from '../../src/features/cases/common/status.ts';

describe('status machine', () => {
  it('reaches every status from requested', () => {
    const seen = new Set(['requested']);
    for (let changed = true; changed; ) {
      changed = false;
      for (const t of transitions) {
        if (seen.has(t.from) && !seen.has(t.to)) {
          seen.add(t.to);
          changed = true;
        }
      }
    }
    expect([...seen].sort()).toEqual([...statuses].sort());
  });

  it('lets the desk cancel any open case with a reason, and nothing leave closed or cancelled', () => {
    for (const s of openStatuses) expect(findTransition(s, 'cancelled')).toMatchObject({ requires: ['note'] });
    expect(nextStatuses('closed', 'admin')).toEqual([]);
    expect(nextStatuses('cancelled', 'admin')).toEqual([]);
  });

  it('asks for the serial on receipt and the tracking number on shipping', () => {
    expect(findTransition('in_transit', 'received')?.requires).toContain('serial');
    expect(findTransition('ready_to_ship', 'shipped')?.requires).toContain('tracking');
    expect(findTransition('in_transit', 'received')).toMatchObject({ by: ['warehouse', 'admin'], via: 'receiving' });
  });

  it('leaves receipt, repair and shipping to their workflows, not to plain status changes', () => {
    expect(nextStatuses('in_transit', 'warehouse')).toEqual([]);
    expect(nextStatuses('awaiting_customer', 'technician')).toEqual([]);
    expect(nextStatuses('ready_to_ship', 'clerk')).toEqual(['cancelled']);
    expect(nextStatuses('requested', 'clerk')).toEqual(['authorized', 'rejected', 'cancelled']);
  });

  it('undoes a receipt only through receiving, never as a plain status change', () => {
    for (const back of ['authorized', 'in_transit'] as const) {
      expect(findTransition('received', back)).toMatchObject({ by: ['warehouse', 'admin'], via: 'receiving' });
    }
    for (const actor of ['warehouse', 'admin', 'clerk', 'technician', 'system'] as const) {
      expect(nextStatuses('received', actor)).not.toContain('authorized');
      expect(nextStatuses('received', actor)).not.toContain('in_transit');
    }
  });

  it('maps depot statuses to the portal contract', () => {
    expect(portalStatusFor('diagnosing')).toBe('in_diagnosis');
    expect(portalStatusFor('repairing')).toBe('in_repair');
    expect(portalStatusFor('qa')).toBeNull();
    expect(portalStatusFor('shipped', 'returned_unrepaired')).toBe('returned_unrepaired');
    expect(portalStatusFor('closed')).toBe('completed');
  });
});
