import type { Language } from './messages.ts';

/**
 * The words Depot ships in English as data: the default fault categories, the demo's product
 * lines, the portal's problem categories and the carriers Depot knows. The screens and the
 * customer's documents say them in the reader's language; anything an admin or a customer
 * entered stays as entered.
 */
const translated = {
  faultCategory: {
    Battery: { ko: '배터리', zh: '电池' },
    'Main board': { ko: '메인보드', zh: '主板' },
    'Charging port': { ko: '충전 단자', zh: '充电口' },
    'Speaker / driver': { ko: '스피커 / 드라이버', zh: '扬声器 / 驱动单元' },
    Display: { ko: '디스플레이', zh: '显示屏' },
    Firmware: { ko: '펌웨어', zh: '固件' },
    Other: { ko: '기타', zh: '其他' },
  },
  productLine: {
    Headphones: { ko: '헤드폰', zh: '耳机' },
    Speakers: { ko: '스피커', zh: '音箱' },
    Tablets: { ko: '태블릿', zh: '平板电脑' },
    Chargers: { ko: '충전기', zh: '充电器' },
  },
  // The portal's problem categories are codes; English gives them a word too.
  problem: {
    audio: { en: 'Audio', ko: '오디오', zh: '音频' },
    battery: { en: 'Battery', ko: '배터리', zh: '电池' },
    charging: { en: 'Charging', ko: '충전', zh: '充电' },
    connectivity: { en: 'Connectivity', ko: '연결', zh: '连接' },
    damage: { en: 'Damage', ko: '파손', zh: '损坏' },
    display: { en: 'Display', ko: '화면', zh: '显示' },
    heat: { en: 'Overheating', ko: '과열', zh: '过热' },
    noise: { en: 'Noise', ko: '소음', zh: '噪音' },
    power: { en: 'Power', ko: '전원', zh: '电源' },
    voice: { en: 'Voice', ko: '음성', zh: '语音' },
    wear: { en: 'Wear', ko: '마모', zh: '磨损' },
  },
  carrier: {
    'CJ Logistics': { ko: 'CJ대한통운', zh: 'CJ 大韩通运' },
    'Korea Post': { ko: '우체국택배', zh: '韩国邮政' },
  },
} satisfies Record<string, Record<string, Partial<Record<Language, string>>>>;

export type ShippedKind = keyof typeof translated;

/** A shipped word in `language`; any other value as it was entered. */
export function shippedWordIn(language: Language, kind: ShippedKind, value: string): string;
export function shippedWordIn(language: Language, kind: ShippedKind, value: string | null): string | null;
export function shippedWordIn(language: Language, kind: ShippedKind, value: string | null): string | null {
  if (value === null) return null;
  const words: Record<string, Partial<Record<Language, string>>> = translated[kind];
  return (Object.hasOwn(words, value) ? words[value]![language] : undefined) ?? value;
}
