/**
 * Every feature's translations of what the server says, registered once for the whole UI. A
 * feature with a message catalog (`common/messages.ts`) lists its translations here; the unit test
 * `test/unit/messages.test.ts` fails on a catalog nobody registered.
 */
import '../../../features/backup/browser/messages.ts';
import '../../../features/bench/browser/messages.ts';
import '../../../features/cases/browser/messages.ts';
import '../../../features/documents/browser/messages.ts';
import '../../../features/estimates/browser/messages.ts';
import '../../../features/parts/browser/messages.ts';
import '../../../features/photos/browser/messages.ts';
import '../../../features/portal-sync/browser/messages.ts';
import '../../../features/printing/browser/messages.ts';
import '../../../features/locations/browser/messages.ts';
import '../../../features/products/browser/messages.ts';
import '../../../features/receiving/browser/messages.ts';
import '../../../features/reports/browser/messages.ts';
import '../../../features/supplier-returns/browser/messages.ts';
import '../../../features/settings/browser/messages.ts';
import '../../../features/setup/browser/messages.ts';
import '../../../features/shipping/browser/messages.ts';
import '../../../features/stock/browser/messages.ts';
import '../../../features/users/browser/messages.ts';
import '../../../features/warranty/browser/messages.ts';
