import { describe, expect, it } from 'vitest';
import { resources, stringGroups } from '../../src/apps/renderer/i18n/index.ts';

type Tree = { [key: string]: Tree | string };

/** Every leaf of a translation by its dotted key, as `t()` names it; anything that is not a string stays as found. */
function leaves(tree: Tree, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object') leaves(value, path, out);
    else out.set(path, value);
  }
  return out;
}

const en = leaves(resources.en as unknown as Tree);
const others = { ko: leaves(resources.ko as unknown as Tree), zh: leaves(resources.zh as unknown as Tree) };
const variables = (text: string) => [...text.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();

describe('the UI strings', () => {
  it('are non-empty strings in every language, with exactly the English keys', () => {
    expect(en.size).toBeGreaterThan(500);
    for (const [language, strings] of Object.entries({ en, ...others })) {
      for (const [key, value] of strings) {
        expect(typeof value, `${language} ${key}`).toBe('string');
        expect((value as string).trim(), `${language} ${key}`).not.toBe('');
      }
      expect([...strings.keys()].sort(), language).toEqual([...en.keys()].sort());
    }
  });

  it('are translated, not English copied into Korean and Chinese', () => {
    for (const [language, strings] of Object.entries(others)) {
      const same = [...en].filter(([key, english]) => strings.get(key) === english).map(([key]) => key);
      // A few are the same in every language: Depot, RMA, SKU, PIN, a dash, a line of placeholders.
      expect(same.length / en.size, `${language}: ${same.join(', ')}`).toBeLessThan(0.05);
      for (const key of same) {
        const words = (en.get(key) as string).replace(/\{\{[^}]*\}\}/g, '').replace(/\bDepot\b/g, '');
        expect(words, `${language} ${key} is still English`).not.toMatch(/[a-z]{2,}/);
      }
    }
  });

  it('keep the same {{variables}} as English', () => {
    for (const [language, strings] of Object.entries(others)) {
      for (const [key, english] of en) {
        expect(variables(strings.get(key) as string), `${language} ${key}`).toEqual(variables(english as string));
      }
    }
  });

  it('come from base and the features, each namespace from one group only', () => {
    const owners = new Map<string, string[]>();
    for (const [group, strings] of Object.entries(stringGroups)) {
      for (const namespace of Object.keys(strings.en)) owners.set(namespace, [...(owners.get(namespace) ?? []), group]);
      for (const language of ['ko', 'zh'] as const) {
        expect(Object.keys(strings[language]).sort(), `${group} ${language}`).toEqual(Object.keys(strings.en).sort());
      }
    }
    for (const [namespace, groups] of owners) expect(groups, namespace).toHaveLength(1);
    expect([...owners.keys()].sort()).toEqual(Object.keys(resources.en).sort());
    expect(owners.get('common')).toEqual(['base']);
    expect(owners.get('msg')).toEqual(['base']);
    expect(owners.get('receiving')).toEqual(['receiving']);
    expect(owners.get('status')).toEqual(['cases']);
  });
});
