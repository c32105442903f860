import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { usersMessages } from '../common/index.ts';

export const usersTranslations: Translations<typeof usersMessages> = {
  ko: {
    chooseUser: '사용자를 선택하세요',
    userExists: '같은 이름의 사용자가 있습니다',
    wrongPin: 'PIN이 틀렸습니다',
    tryAgainSeconds: 'PIN을 너무 여러 번 틀렸습니다. {seconds}초 후에 다시 시도하세요.',
    tryAgainMinutes: 'PIN을 너무 여러 번 틀렸습니다. {minutes}분 후에 다시 시도하세요.',
    locked: 'PIN을 너무 여러 번 틀려 로그인이 잠겼습니다. 관리자에게 설정에서 잠금 해제를 요청하세요.',
    noUser: '사용자 {id}번이 없습니다',
    notLocked: '잠기지 않은 사용자입니다: {name}',
    versionRequired: '사용자 버전이 필요합니다',
    changed: '그사이 다른 관리자가 이 사용자 정보를 바꿨습니다: {name}. 목록에 바뀐 내용이 보이니 다시 시도하세요.',
    lastAdmin: '마지막 활성 관리자입니다: {name}. 먼저 다른 사용자를 관리자로 지정하세요.',
    alreadyDisabled: '이미 사용 중지된 사용자입니다: {name}',
    alreadyEnabled: '이미 로그인할 수 있는 사용자입니다: {name}',
  },
  zh: {
    chooseUser: '请选择您的用户',
    userExists: '已有同名用户',
    wrongPin: 'PIN 错误',
    tryAgainSeconds: 'PIN 错误次数过多。请在 {seconds} 秒后重试。',
    tryAgainMinutes: 'PIN 错误次数过多。请在 {minutes} 分钟后重试。',
    locked: 'PIN 错误次数过多，登录已被锁定。请让管理员在“设置”中解锁。',
    noUser: '没有用户 {id}',
    notLocked: '{name} 未被锁定',
    versionRequired: '需要用户版本',
    changed: '{name} 刚被另一位管理员修改。列表已显示修改后的内容，请重试。',
    lastAdmin: '{name} 是最后一位启用中的管理员：请先将其他用户设为管理员。',
    alreadyDisabled: '{name} 已被停用',
    alreadyEnabled: '{name} 已可以登录',
  },
};

registerMessages(usersMessages, usersTranslations);
