import path from 'node:path';
import { dispatch } from '../../src/apps/api/dispatch.ts';
import { bootCore } from '../../src/base/node/boot.ts';

/**
 * One Depot on its first run, in its own process: site-child.ts DB_FILE SITE_NAME. It opens (and
 * creates) the database at once, and creates the site when told to, answering the result's code.
 */
const [file, name] = process.argv.slice(2) as [string, string];
process.once('message', async () => {
  const core = await bootCore({ dataDir: path.dirname(file), databaseFile: file, databaseUrl: null });
  const result = await dispatch(
    core,
    'setup.createSite',
    {
      siteName: name,
      address: { name, line1: '1 Test Street', city: 'Seoul', postalCode: '04524', country: 'KR' },
      currency: 'KRW',
      timeZone: 'Asia/Seoul',
      turnaroundDays: 7,
      adminName: `Admin ${name}`,
      adminPin: '1234',
    },
    null,
  );
  await core.database.close();
  process.send!(result.ok ? 'ok' : result.error.reason.code, () => process.exit(0));
});
process.send!('ready');
