import { startPostgres } from './postgres-server.ts';

/** Global setup of the PostgreSQL project: one cluster for the run; each test database is created inside it. */
export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const server = await startPostgres();
  provide('postgresUrl', server.url);
  return () => server.stop();
}
