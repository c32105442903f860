import { seedFromDepot } from './seed.ts';
import { startPortal } from './server.ts';

/**
 * The reference portal on its own, for demos, manual sync runs and benchmarks:
 *   npm run portal -- [--port 4010] [--token TOKEN] [--seed-from DEPOT.sqlite]   (--port 0 picks a free port)
 * --seed-from starts it in step with a Depot database (the demo's): its RMAs, statuses and estimates.
 * Customer actions and faults are driven through POST /_control/… (see server.ts).
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length - 1; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);

const portal = await startPortal({
  port: Number(args.get('port') ?? process.env.PORTAL_PORT ?? 4010),
  token: args.get('token') ?? process.env.PORTAL_TOKEN ?? 'portal-dev-token',
  controlApi: true,
});
const seed = args.get('seed-from');
if (seed) {
  try {
    const { rmas, delivered } = seedFromDepot(portal, seed);
    console.log(`In step with ${seed}: ${rmas} RMAs, ${delivered} updates it delivered`);
  } catch (error) {
    console.error(`Could not start in step with ${seed}: ${error instanceof Error ? error.message : String(error)}`);
    await portal.close();
    process.exit(1);
  }
}
const control = new URL('/_control', portal.url).toString();
console.log(`Reference portal: ${portal.url}`);
console.log(`API token: ${portal.token}`);
console.log(`Control API: ${control}/state (GET); POST ${control}/request to file a customer RMA`);

const shutdown = () => {
  void portal.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
process.on('disconnect', shutdown);
