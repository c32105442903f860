import type { ByLanguage, Strings } from '../../../base/browser/strings.ts';

/** Signing in. */
const en = {
  signIn: {
    title: 'Sign in',
    submit: 'Sign in',
    demoHint: 'Demo users sign in with PIN 1234.',
  },
};

const ko: Strings<typeof en> = {
  signIn: {
    title: '로그인',
    submit: '로그인',
    demoHint: '데모 사용자는 PIN 1234로 로그인합니다.',
  },
};

const zh: Strings<typeof en> = {
  signIn: {
    title: '登录',
    submit: '登录',
    demoHint: '演示用户使用 PIN 1234 登录。',
  },
};

/** The users strings in every language: `signIn.*`. */
export const usersStrings: ByLanguage<typeof en> = { en, ko, zh };
