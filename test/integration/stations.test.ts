import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bootCore } from '../../src/base/node/boot.ts';
import type { Core } from '../../src/base/node/core.ts';
import type { BenchCase } from '../../src/features/bench/common/bench.ts';
import { asRole, freshPostgresUrl, tempDir, testDialect, unwrap } from '../helpers.ts';
import { check, prepareStations, runStations } from '../bench/stations.ts';

/** Stations on one shared database are PostgreSQL's case: SQLite's file is one desk's. */
describe.skipIf(testDialect !== 'postgres')('many stations on one PostgreSQL database', () => {
  it('keeps every acknowledged change once: receipts, moves in the history, payments, stock and the portal seq', async () => {
    const url = await freshPostgresUrl();
    await prepareStations(url, 60);
    const report = await runStations({ url, stations: ['dock', 'dock', 'bench', 'bench', 'bench', 'desk', 'desk'], operations: 90, cases: 60 });

    expect(report.failures).toEqual([]);
    expect(report.findings).toEqual([]);
    for (const method of ['receiving.receive', 'bench.take', 'bench.diagnose', 'bench.advance']) expect(report.acknowledged[method], method).toBeGreaterThan(0);

    // The check sees what a lost or doubled write would leave: a move twice in the history, a receipt gone, a gap in the portal's seq.
    const dir = tempDir();
    const core = await bootCore({ dataDir: dir, databaseUrl: url });
    try {
      const received = report.evidence.ledger.filter((a) => a.method === 'receiving.receive').map((a) => a.rma);
      const [doubled, lost, gapped] = await Promise.all(received.slice(0, 3).map((rma) => core.db.selectFrom('cases').select(['id', 'rma']).where('rma', '=', rma).executeTakeFirstOrThrow()));
      const move = await core.db.selectFrom('case_history').selectAll().where('case_id', '=', doubled!.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
      const { id: _id, ...copy } = move;
      await core.db.insertInto('case_history').values(copy).execute();
      await core.db.deleteFrom('intakes').where('case_id', '=', lost!.id).execute();
      const first = await core.db.selectFrom('portal_outbox').select('id').where('case_id', '=', gapped!.id).where('kind', '=', 'status').orderBy('id').executeTakeFirstOrThrow();
      await core.db.deleteFrom('portal_outbox').where('id', '=', first.id).execute();

      const findings = await check(core, report.evidence.before, report.evidence.ledger);
      expect(findings).toEqual(
        expect.arrayContaining([
          expect.stringMatching(new RegExp(`^${doubled!.rma}: history has .*${move.to_status} → ${move.to_status}`)),
          `${lost!.rma}: 1 acknowledged receipts, 0 in the database`,
          expect.stringMatching(new RegExp(`^${gapped!.rma}: portal status updates numbered (none|2(, \\d+)*), expected 1(, \\d+)*$`)),
        ]),
      );
    } finally {
      await core.database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes one full payment of an estimate when several desks pay it at the same moment', async () => {
    const url = await freshPostgresUrl();
    const dirs: string[] = [];
    const cores: Core[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        dirs.push(tempDir());
        cores.push(await bootCore({ dataDir: dirs.at(-1)!, databaseUrl: url, now: () => new Date('2026-03-10T03:00:00Z') }));
      }
      const [first] = cores as [Core];
      const { loadDemo } = await import('../../src/features/setup/node/setup.ts');
      await loadDemo(first);
      const desks = await Promise.all(cores.map((core) => asRole(core, 'clerk')));
      const waiting = await first.db.selectFrom('cases').select('rma').where('status', '=', 'awaiting_customer').orderBy('id').execute();
      const open = (await Promise.all(waiting.map(async ({ rma }) => unwrap(await desks[0]!('bench.get', { rma }))))).find((c) => c.estimates.some((e) => e.state === 'issued' && !e.expired));
      expect(open, 'the demo has a case waiting on an issued estimate').toBeDefined();
      const estimate = open!.estimates.find((e) => e.state === 'issued')!;

      const decisions = await Promise.all(desks.map((desk) => desk('bench.recordDecision', { rma: open!.rma, estimateVersion: estimate.version, decision: 'accepted', note: null })));
      expect(decisions.filter((d) => d.ok)).toHaveLength(1);
      const payments = await Promise.all(
        desks.map((desk, i) => desk('bench.recordPayment', { rma: open!.rma, estimateVersion: estimate.version, amount: estimate.totals.total, reference: `card ${i}` })),
      );
      expect(payments.filter((p) => p.ok)).toHaveLength(1);
      const paid = unwrap(await desks[0]!('bench.get', { rma: open!.rma })) as BenchCase;
      expect(paid.estimates.find((e) => e.version === estimate.version)).toMatchObject({ state: 'accepted', paid: estimate.totals.total });
      expect(paid.estimates.find((e) => e.version === estimate.version)!.payments).toHaveLength(1);
    } finally {
      for (const core of cores) await core.database.close();
      for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
