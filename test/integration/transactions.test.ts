import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { api, type MethodName } from '../../src/apps/api/contract.ts';
import { asRole, freshCore, unwrap } from '../helpers.ts';

/** The methods that keep their own transactions, each with the reason in its spec. */
const ownTransactions = [
  'photos.add',
  'printing.retry',
  'printing.test',
  'printing.updateSettings',
  'receiving.receive',
  'receiving.receiveInReturn',
  'receiving.scan',
  'session.signIn',
  'shipping.batchLabels',
  'shipping.closeOld',
  'shipping.print',
  'sync.configure',
  'sync.test',
];

/** Where code under src/features may still open a transaction, and how many times. */
const ownTransactionSites: Record<string, number> = {
  'src/features/photos/node/photos.ts': 1, // photos.add
  'src/features/portal-sync/node/pull.ts': 3, // the portal pull (a background job)
  'src/features/portal-sync/node/worker.ts': 1, // the outbox worker (a background job)
  'src/features/receiving/node/receiving.ts': 1, // receiving.receive
  'src/features/receiving/node/shelf.ts': 1, // receiving.scan, putting a parcel no case expects on the shelf
  'src/features/reports/node/summaries.ts': 1, // the reports' summaries, caught up before a report reads them
  'src/features/shipping/node/shipping.ts': 1, // shipping.closeOld
  'src/features/users/node/sign-in.ts': 1, // session.signIn (a wrong PIN and the lockout it brings)
};

function featureFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return featureFiles(file);
    return /\.tsx?$/.test(entry.name) ? [file] : [];
  });
}

describe('one transaction per request', () => {
  it('lists every method that keeps its own transactions', () => {
    const own = (Object.keys(api) as MethodName[]).filter((m) => api[m].writes === 'own').sort();
    expect(own).toEqual(ownTransactions);
  });

  it('opens transactions in services only where a spec or a background job says so', () => {
    const sites: Record<string, number> = {};
    for (const file of featureFiles('src/features')) {
      const n = fs.readFileSync(file, 'utf8').split('.transaction()').length - 1;
      if (n > 0) sites[file.split(path.sep).join('/')] = n;
    }
    expect(sites).toEqual(ownTransactionSites);
  });

  it('runs a method that writes in one transaction, and a read without one', async () => {
    const core = await freshCore({ demo: true });
    const admin = await asRole(core, 'admin');
    const spy = vi.spyOn(core.db, 'transaction');
    unwrap(await admin('cases.list', { limit: 5 }));
    unwrap(await admin('parts.list', {}));
    expect(spy).not.toHaveBeenCalled();
    unwrap(await admin('parts.save', { sku: 'TX-1', name: 'Test part', price: 100, stock: 2, reason: null }));
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    await core.database.close();
  });
});
