import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { setupMessages } from '../common/index.ts';

export const setupTranslations: Translations<typeof setupMessages> = {
  ko: { alreadySetUp: '이 서비스 센터는 이미 설정되어 있습니다' },
  zh: { alreadySetUp: '本维修中心已设置' },
};

registerMessages(setupMessages, setupTranslations);
