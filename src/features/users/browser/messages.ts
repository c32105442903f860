import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { usersMessages } from '../common/index.ts';

export const usersTranslations: Translations<typeof usersMessages> = {
  ko: {
    chooseUser: '사용자를 선택하세요',
    userExists: '같은 이름의 사용자가 있습니다',
    wrongPin: 'PIN이 틀렸습니다',
  },
  zh: {
    chooseUser: '请选择您的用户',
    userExists: '已有同名用户',
    wrongPin: 'PIN 错误',
  },
};

registerMessages(usersMessages, usersTranslations);
