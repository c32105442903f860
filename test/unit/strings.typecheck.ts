/**
 * The type checks of the UI strings, proven to fire. `npm run typecheck` compiles this file
 * (tsconfig includes test/); vitest never runs it. Every `@ts-expect-error` below fails the type
 * check if the error it expects is not there, so each line shows one mistake the checker refuses.
 */
import type { TFunction } from 'i18next';
import type { ByLanguage, Strings } from '../../src/base/browser/strings.ts';
import type { Status } from '../../src/features/cases/common/index.ts';
import { receivingStrings } from '../../src/features/receiving/browser/strings.ts';
import { resources, type Translation } from '../../src/apps/renderer/i18n/index.ts';

declare const t: TFunction;

// --- t() takes the keys of the assembled English translation, and only those ----------------

export const known: string[] = [
  t('common.cancel'),
  t('receiving.title'),
  t('bench.parts.title'),
  t('sync.indicator.ok'),
  t('cases.shown', { count: 2 }),
];
// @ts-expect-error: a key that does not exist
t('a.key.that.does.not.exist');
// @ts-expect-error: a misspelt key in a namespace that exists
t('receiving.titel');
// @ts-expect-error: a section is not a string
t('receiving.packagingState');
// @ts-expect-error: a default value does not excuse an unknown key (strictKeyChecks)
t('receiving.nothing', { defaultValue: 'Nothing' });

// A key built from a template is taken when every member of its union exists.
declare const status: Status;
export const statusWord: string = t(`status.${status}`);
declare const someString: string;
// @ts-expect-error: a template over a plain string could be any key
t(`status.${someString}`);
declare const mostlyStatus: Status | 'lost';
// @ts-expect-error: one member of the union has no key
t(`status.${mostlyStatus}`);
// @ts-expect-error: a plain string is not a key
t(someString);

// --- Every language has exactly English's keys -----------------------------------------------

const en = { title: 'Title', nested: { a: 'A', b: 'B' } };
export const ko: Strings<typeof en> = { title: '제목', nested: { a: '가', b: '나' } };
// @ts-expect-error: Korean lacks nested.b
export const koMissing: Strings<typeof en> = { title: '제목', nested: { a: '가' } };
// @ts-expect-error: Chinese has a key English does not
export const zhExtra: Strings<typeof en> = { title: '标题', nested: { a: '甲', b: '乙', c: '丙' } };
// @ts-expect-error: a leaf is a string, not a section
export const koNotString: Strings<typeof en> = { title: { text: '제목' }, nested: { a: '가', b: '나' } };
// @ts-expect-error: every language Depot speaks: Chinese is missing
export const noChinese: ByLanguage<typeof en> = { en, ko };

// A feature's real Korean with one key taken out no longer fits its English.
const { title: _title, ...receivingWithoutTitle } = receivingStrings.ko.receiving;
// @ts-expect-error: receiving.title is missing
export const receivingKoMissing: Strings<typeof receivingStrings.en> = { ...receivingStrings.ko, receiving: receivingWithoutTitle };

// The assembled translation has every group's namespaces, and each language is typed as English.
export const namespaces: (keyof Translation)[] = ['common', 'msg', 'status', 'receiving', 'walkIn', 'bench', 'shipping', 'sync', 'signIn'];
// @ts-expect-error: no group defines this namespace
export const unknownNamespace: keyof Translation = 'warehouse';
export const korean: Translation = resources.ko;
