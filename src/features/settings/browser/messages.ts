import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { settingsMessages } from '../common/index.ts';

export const settingsTranslations: Translations<typeof settingsMessages> = {
  ko: { notSetUp: '사이트가 아직 설정되지 않았습니다' },
  zh: { notSetUp: '站点尚未设置' },
};

registerMessages(settingsMessages, settingsTranslations);
