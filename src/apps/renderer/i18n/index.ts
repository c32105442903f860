import type { Language } from '../../../base/browser/i18n.ts';
import { baseStrings } from '../../../base/browser/strings.ts';
import { backupStrings } from '../../../features/backup/browser/strings.ts';
import { benchStrings } from '../../../features/bench/browser/strings.ts';
import { casesStrings } from '../../../features/cases/browser/strings.ts';
import { locationsStrings } from '../../../features/locations/browser/strings.ts';
import { supplierReturnsStrings } from '../../../features/supplier-returns/browser/strings.ts';
import { photosStrings } from '../../../features/photos/browser/strings.ts';
import { printingStrings } from '../../../features/printing/browser/strings.ts';
import { portalSyncStrings } from '../../../features/portal-sync/browser/strings.ts';
import { productsStrings } from '../../../features/products/browser/strings.ts';
import { receivingStrings } from '../../../features/receiving/browser/strings.ts';
import { reportsStrings } from '../../../features/reports/browser/strings.ts';
import { settingsStrings } from '../../../features/settings/browser/strings.ts';
import { setupStrings } from '../../../features/setup/browser/strings.ts';
import { shippingStrings } from '../../../features/shipping/browser/strings.ts';
import { stockStrings } from '../../../features/stock/browser/strings.ts';
import { usersStrings } from '../../../features/users/browser/strings.ts';
import { warrantyStrings } from '../../../features/warranty/browser/strings.ts';

/**
 * Every group of UI strings: the shared ones, then each feature's. A group owns its top-level
 * namespaces (`common.*`, `receiving.*`, `bench.*` …); two groups never share one.
 */
const groups = {
  base: baseStrings,
  cases: casesStrings,
  receiving: receivingStrings,
  photos: photosStrings,
  bench: benchStrings,
  warranty: warrantyStrings,
  shipping: shippingStrings,
  printing: printingStrings,
  portalSync: portalSyncStrings,
  users: usersStrings,
  setup: setupStrings,
  settings: settingsStrings,
  reports: reportsStrings,
  backup: backupStrings,
  products: productsStrings,
  locations: locationsStrings,
  supplierReturns: supplierReturnsStrings,
  stock: stockStrings,
};

type Groups = typeof groups;
type NamespacesOf<G extends keyof Groups> = keyof Groups[G]['en'];
/** A namespace that two groups both define, which would silently replace the other's: none. */
type SharedNamespace = {
  [A in keyof Groups]: { [B in Exclude<keyof Groups, A>]: NamespacesOf<A> & NamespacesOf<B> }[Exclude<keyof Groups, A>];
}[keyof Groups];
const noSharedNamespace: [SharedNamespace] extends [never] ? true : { shared: SharedNamespace } = true;
void noSharedNamespace;

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Everything = Intersection<Groups[keyof Groups]['en']>;
/** The English translation, assembled: every namespace of every group, the keys that `t()` accepts. */
export type Translation = { [Namespace in keyof Everything]: Everything[Namespace] };

function translation(language: Language): Translation {
  return Object.assign({}, ...Object.values(groups).map((group) => group[language])) as Translation;
}

/** One translation per language, as i18next takes them. */
export const resources: Record<Language, Translation> = { en: translation('en'), ko: translation('ko'), zh: translation('zh') };

/** The groups themselves, for the test that checks them. */
export const stringGroups: Record<keyof Groups, Record<Language, object>> = groups;

declare module 'i18next' {
  interface CustomTypeOptions {
    /** `t()` takes the keys of the English translation only: an unknown key fails the type check. */
    resources: { translation: Translation };
    /** A `defaultValue` does not excuse an unknown key. */
    strictKeyChecks: true;
  }
}
