import type { ByLanguage, Strings } from '../../../base/browser/strings.ts';

/** Signing in, and who else is working. */
const en = {
  presence: {
    count: '{{count}} working',
    title: 'Also working',
    now: 'active now',
    seen: 'last active {{age}} ago',
  },
  signIn: {
    title: 'Sign in',
    submit: 'Sign in',
    demoHint: 'Demo users sign in with PIN 1234.',
  },
  lock: {
    title: 'Locked after {{minutes}} minutes idle — enter your PIN',
    unlock: 'Unlock',
    switchUser: 'Sign in as someone else',
  },
};

const ko: Strings<typeof en> = {
  presence: {
    count: '{{count}}명 근무 중',
    title: '함께 근무 중',
    now: '지금 사용 중',
    seen: '{{age}} 전에 사용',
  },
  signIn: {
    title: '로그인',
    submit: '로그인',
    demoHint: '데모 사용자는 PIN 1234로 로그인합니다.',
  },
  lock: {
    title: '{{minutes}}분 동안 사용하지 않아 잠겼습니다 — PIN을 입력하세요',
    unlock: '잠금 해제',
    switchUser: '다른 사용자로 로그인',
  },
};

const zh: Strings<typeof en> = {
  presence: {
    count: '{{count}} 人在线',
    title: '同时在线',
    now: '正在使用',
    seen: '{{age}}前使用',
  },
  signIn: {
    title: '登录',
    submit: '登录',
    demoHint: '演示用户使用 PIN 1234 登录。',
  },
  lock: {
    title: '闲置 {{minutes}} 分钟后已锁定 — 请输入 PIN',
    unlock: '解锁',
    switchUser: '以其他用户身份登录',
  },
};

/** The users strings in every language: `signIn.*`, `lock.*`, `presence.*`. */
export const usersStrings: ByLanguage<typeof en> = { en, ko, zh };
