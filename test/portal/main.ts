import { startPortal } from './server.ts';

/**
 * The reference portal on its own, for demos and manual sync runs:
 *   node --import tsx test/portal/main.ts [--port 4010] [--token TOKEN]
 * Customer actions and faults are driven through POST /_control/… (see server.ts).
 */
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length - 1; i += 2) args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);

const portal = await startPortal({
  port: Number(args.get('port') ?? process.env.PORTAL_PORT ?? 4010),
  token: args.get('token') ?? process.env.PORTAL_TOKEN ?? 'portal-dev-token',
  controlApi: true,
});
console.log(`Reference portal at ${portal.url} (token ${portal.token}); control API at ${new URL('/_control/state', portal.url)}`);

const shutdown = () => {
  void portal.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
