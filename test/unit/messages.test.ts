import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { translateMessage } from '../../src/base/browser/messages.ts';
import { en } from '../../src/apps/renderer/i18n/en.ts';
import { ko } from '../../src/apps/renderer/i18n/ko.ts';
import { zh } from '../../src/apps/renderer/i18n/zh.ts';

const i18n = i18next.createInstance();
await i18n.init({
  resources: { en: { translation: en }, ko: { translation: ko }, zh: { translation: zh } },
  lng: 'ko',
  interpolation: { escapeValue: false },
});

describe('server messages in the reader’s language', () => {
  it.each([
    ['This serial does not match the RMA (SN123). Give a reason to accept it, or set the parcel aside.', 'ko', '시리얼이 RMA(SN123)와 다릅니다. 받으려면 사유를 입력하세요'],
    ['RMA-2026-000011 was changed by someone else meanwhile; reload it and try again', 'zh', 'RMA-2026-000011 已被他人修改；请重新加载后再试'],
    ['This UPS tracking number fails its check digit: check for a typo', 'ko', '이 UPS 운송장 번호는 검증 숫자가 맞지 않습니다. 오타를 확인하세요'],
    ['Estimate version 2 is accepted but not paid: ₩10,000 of ₩86,900 received', 'zh', '第 2 版报价已同意但未付清：已收 ₩10,000，共 ₩86,900'],
    ['Enter an amount', 'zh', '请输入金额'],
  ])('translates “%s” into %s', async (message, language, expected) => {
    await i18n.changeLanguage(language);
    expect(translateMessage(message, i18n.t)).toBe(expected);
  });

  it('translates the field label inside a required-field message', async () => {
    await i18n.changeLanguage('zh');
    expect(translateMessage('Serial is required', i18n.t)).toBe(i18n.t('msg.required', { label: i18n.t('field.serial') }));
    expect(i18n.t('field.serial')).not.toBe('Serial');
  });

  it('shows a message it does not know as it came', async () => {
    await i18n.changeLanguage('ko');
    expect(translateMessage('Something new from the server', i18n.t)).toBe('Something new from the server');
  });
});
