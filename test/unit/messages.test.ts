import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { fieldMessages, zodMessage } from '../../src/base/common/messages.ts';
import { registeredTranslations, translateMessage, wordReason } from '../../src/base/browser/messages.ts';
import { casesMessages } from '../../src/features/cases/common/index.ts';
import { receivingMessages } from '../../src/features/receiving/common/index.ts';
import { shippingMessages } from '../../src/features/shipping/common/index.ts';
import { benchMessages } from '../../src/features/bench/common/index.ts';
import { commonMessages } from '../../src/base/common/messages.ts';
import { portalSyncMessages } from '../../src/features/portal-sync/common/index.ts';
import '../../src/apps/renderer/i18n/messages.ts';

// The global instance, as the app uses it; no UI strings are needed to word server messages.
await i18next.init({ lng: 'ko', resources: {} });

describe('server messages in the reader’s language', () => {
  it.each([
    [receivingMessages.serialMismatch({ serial: 'SN123' }), 'ko', '시리얼이 RMA(SN123)와 다릅니다. 받으려면 사유를 입력하세요'],
    [casesMessages.conflict({ rma: 'RMA-2026-000011' }), 'zh', 'RMA-2026-000011 已被他人修改；请重新加载后再试'],
    [shippingMessages.trackingUpsCheck(), 'ko', '이 UPS 운송장 번호는 검증 숫자가 맞지 않습니다. 오타를 확인하세요'],
    [benchMessages.gateUnpaid({ version: 2, paid: '₩10,000', total: '₩86,900' }), 'zh', '第 2 版报价已同意但未付清：已收 ₩10,000，共 ₩86,900'],
    [commonMessages.amount(), 'zh', '请输入金额'],
    // The fields a return address lacks, each worded by the reader's language, as a list of that language.
    [
      shippingMessages.addressIncomplete({ rma: 'RMA-2026-000011', labels: 'line1,city,postalCode' }),
      'ko',
      'RMA-2026-000011 케이스의 반송 주소에 빠진 항목이 있습니다(주소 1, 시/도 및 우편번호). 인쇄하기 전에 주소를 완성하세요',
    ],
    [shippingMessages.addressIncomplete({ rma: 'RMA-2026-000011', labels: 'line1,postalCode' }), 'zh', 'RMA-2026-000011 的退货地址缺少以下项：地址第 1 行和邮政编码；请在打印前补全'],
    // A portal's refusal: Depot's sentence around the portal's own words, kept as they came.
    [portalSyncMessages.portalRefused({ status: 422, code: 'invalid', detail: 'status unknown' }), 'ko', '포털이 거부했습니다(422 invalid): status unknown'],
    [portalSyncMessages.tokenRefused({ status: 401, code: 'unauthorized' }), 'zh', '门户拒绝了 API 令牌（401 unauthorized）。请在门户设置中修正令牌，然后恢复同步。'],
  ])('translates “%s” into %s by its code', async (said, language, expected) => {
    await i18next.changeLanguage(language);
    expect(wordReason(said, said.text, language)).toBe(expected);
    // The same message carried through a form's schema reads the same.
    expect(translateMessage(zodMessage(said))).toBe(expected);
  });

  it('keeps the English wording for English readers and the API', async () => {
    const said = receivingMessages.serialMismatch({ serial: 'SN123' });
    expect(said.text).toBe('This serial does not match the RMA (SN123). Give a reason to accept it, or set the parcel aside.');
    expect(wordReason(said, said.text, 'en')).toBe(said.text);
  });

  it('says the fields a message names in words in English and keeps their keys for the UI to translate', () => {
    const said = shippingMessages.addressIncomplete({ rma: 'RMA-2026-000011', labels: 'line1,postalCode' });
    expect(said.text).toBe('The return address of RMA-2026-000011 has no Address line 1, Postal code: complete it before printing');
    expect(said.params).toEqual({ rma: 'RMA-2026-000011', labels: 'line1,postalCode' });
  });

  it('says a status in words in English and keeps its code for the UI to translate', async () => {
    const said = casesMessages.cannotBecome({ from: 'ready_to_ship', to: 'waiting_parts' });
    expect(said.text).toBe('A case that is ready to ship cannot become waiting parts');
    expect(said.params).toEqual({ from: 'ready_to_ship', to: 'waiting_parts' });
  });

  it('translates the field label inside a required-field message', async () => {
    await i18next.changeLanguage('zh');
    const said = fieldMessages.required('serial');
    expect(said.text).toBe('Serial is required');
    expect(translateMessage(zodMessage(said))).toBe('请填写序列号');
  });

  it('shows a message it does not know as it came', async () => {
    await i18next.changeLanguage('ko');
    expect(translateMessage('Something new from the server')).toBe('Something new from the server');
    expect(wordReason({ code: 'future.thing', params: {} }, 'A newer Depot said this', 'ko')).toBe('A newer Depot said this');
  });
});

describe('every catalog Depot speaks from', () => {
  const modules = import.meta.glob<Record<string, unknown>>('../../src/features/*/common/messages.ts', { eager: true });
  const catalogs = Object.values(modules)
    .flatMap((m) => Object.values(m))
    .filter((v): v is { feature: string; english: Record<string, string> } => typeof v === 'object' && v !== null && 'english' in v && 'feature' in v);

  it('finds the features’ catalogs', () => {
    expect(catalogs.map((c) => c.feature)).toEqual(expect.arrayContaining(['cases', 'receiving', 'bench', 'shipping', 'portal-sync']));
  });

  it.each(['ko', 'zh'] as const)('is registered for the UI in %s, every sentence with the English one’s slots', (language) => {
    for (const catalog of [...catalogs, commonMessages]) {
      const translations = registeredTranslations(catalog.feature)?.[language] as Record<string, string> | undefined;
      expect(translations, catalog.feature).toBeDefined();
      for (const [key, english] of Object.entries(catalog.english)) {
        const said = translations![key];
        expect(said, `${catalog.feature}.${key}`).toBeTruthy();
        const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        expect(slots(said!), `${catalog.feature}.${key}`).toEqual(slots(english));
      }
    }
  });

  it('writes Korean that needs no particle fallback', () => {
    for (const catalog of [...catalogs, commonMessages]) {
      const ko = registeredTranslations(catalog.feature)!.ko as Record<string, string>;
      for (const [key, text] of Object.entries(ko)) expect(text, `${catalog.feature}.${key}`).not.toMatch(/[을이은와과]\([를가는과와]\)/);
    }
  });
});

