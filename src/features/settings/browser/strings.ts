import type { ByLanguage, Strings } from '../../../base/browser/strings.ts';

/** The site settings and the users list. */
const en = {
  settings: {
    title: 'Settings',
    site: 'Site',
    readOnly: 'Only an administrator can change these settings.',
    saved: 'Settings saved.',
    users: 'Users',
    addUser: 'Add user',
    userAdded: '{{name}} added.',
    signIn: 'Sign-in',
    allowed: 'Allowed',
    locked: 'Locked after too many wrong PINs',
    unlock: 'Unlock',
    unlockUser: 'Unlock {{name}}',
    unlocked: '{{name}} can sign in again.',
  },
};

const ko: Strings<typeof en> = {
  settings: {
    title: '설정',
    site: '사이트',
    readOnly: '이 설정은 관리자만 바꿀 수 있습니다.',
    saved: '설정을 저장했습니다.',
    users: '사용자',
    addUser: '사용자 추가',
    userAdded: '{{name}}을(를) 추가했습니다.',
    signIn: '로그인',
    allowed: '가능',
    locked: 'PIN을 너무 여러 번 틀려 잠김',
    unlock: '잠금 해제',
    unlockUser: '잠금 해제: {{name}}',
    unlocked: '이제 다시 로그인할 수 있습니다: {{name}}',
  },
};

const zh: Strings<typeof en> = {
  settings: {
    title: '设置',
    site: '站点',
    readOnly: '只有管理员可以更改这些设置。',
    saved: '设置已保存。',
    users: '用户',
    addUser: '添加用户',
    userAdded: '已添加 {{name}}。',
    signIn: '登录',
    allowed: '允许',
    locked: 'PIN 错误次数过多，已锁定',
    unlock: '解锁',
    unlockUser: '解锁 {{name}}',
    unlocked: '{{name}} 现在可以重新登录。',
  },
};

/** The settings strings in every language: `settings.*`. */
export const settingsStrings: ByLanguage<typeof en> = { en, ko, zh };
