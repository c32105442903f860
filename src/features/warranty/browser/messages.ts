import { registerMessages } from '../../../base/browser/messages.ts';
import { warrantyMessages, warrantyTranslations } from '../common/index.ts';

registerMessages(warrantyMessages, warrantyTranslations);
