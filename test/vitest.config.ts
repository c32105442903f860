import { defineConfig } from 'vitest/config';

/** Integration suites that touch the database run twice: on SQLite and on PostgreSQL. */
const dialectSuites = [
  'test/integration/api.test.ts',
  'test/integration/receiving.test.ts',
  'test/integration/compiled.test.ts',
  'test/integration/shipping.test.ts',
  'test/integration/bench.test.ts',
  'test/integration/remedies.test.ts',
  'test/integration/transactions.test.ts',
  'test/integration/reports.test.ts',
  'test/integration/exports.test.ts',
  'test/integration/failure-rates.test.ts',
  'test/integration/report-summaries.test.ts',
  'test/integration/demo.test.ts',
  'test/integration/audit.test.ts',
  'test/integration/backup-methods.test.ts',
  'test/integration/users.test.ts',
  'test/integration/printers.test.ts',
  'test/integration/products.test.ts',
  'test/integration/locations.test.ts',
  'test/integration/supplier-returns.test.ts',
  'test/integration/returns.test.ts',
  'test/integration/stock.test.ts',
  'test/integration/live.test.ts',
  'test/integration/presence.test.ts',
  'test/integration/stations.test.ts',
];

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    reporters: ['default', './test/reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: dialectSuites,
          globalSetup: ['test/pg-setup.ts'],
          env: { DEPOT_TEST_DIALECT: 'postgres' },
        },
      },
    ],
  },
});
