import type { CalendarDate } from '../../../base/common/dates.ts';
import { fill, type Language, type Params } from '../../../base/common/messages.ts';

/**
 * What a warranty decision is made of (its rule and the values it speaks of) and the sentence that
 * says why, in each language Depot speaks: staff read it on the bench, customers on the estimate,
 * the repair report and the portal.
 */

export const damageKinds = ['physical', 'liquid', 'tampering'] as const;
export type DamageKind = (typeof damageKinds)[number];

export type CoverageRule =
  | 'no_reason_return'
  | 'standard'
  | 'no_proof_date_code'
  | 'replacement_remainder'
  | 'extended'
  | 'repair_warranty'
  | 'exchange_restart'
  | 'paid_repair_recurrence';

/** Coverages with a term that can run out. */
export type TermRule = Exclude<CoverageRule, 'no_reason_return'>;

export type WarrantyRule =
  | CoverageRule
  | 'expired'
  | 'no_proof'
  | 'damage_physical'
  | 'damage_liquid'
  | 'tampering';

/** Values for a translated message: the keys a rule uses are those in its English reason. */
export interface WarrantyParams {
  purchaseDate?: CalendarDate;
  manufactured?: CalendarDate;
  replacedOn?: CalendarDate;
  deliveredOn?: CalendarDate;
  months?: number;
  days?: number;
  /** Extended warranty cut to this many years from purchase. */
  cappedYears?: number;
  until?: CalendarDate;
  /** For 'expired': which coverage ended last. */
  ended?: TermRule;
  /** For 'no_proof': whether the model has a date code the serial did not match. */
  dateCode?: 'none' | 'unreadable';
  /** For damage rules: every voiding finding, most serious first. */
  damage?: DamageKind[];
  /** Days added to the term because the region's warranty does not run while the unit is in repair. */
  pausedDays?: number;
  /** For 'paid_repair_recurrence': the fault that came back. */
  faultCategory?: string;
}

/**
 * One sentence per rule in each language, with the rule's params in `{name}` slots. An expired
 * warranty names the coverage that ended (`expired_<rule>`); `{origin}` is when the original unit's
 * warranty started, by purchase or by manufacture.
 */
const sentences: Record<Language, Record<string, string>> = {
  en: {
    no_reason_return: 'purchased {purchaseDate}, unused and complete, within the {days}-day no-reason return period until {until}',
    standard: 'purchased {purchaseDate}, within the {months}-month warranty until {until}',
    no_proof_date_code: 'no proof of purchase; serial date code says manufactured {manufactured}, within the {months}-month warranty from manufacture until {until}',
    replacement_remainder: 'replacement unit issued {replacedOn} keeps the rest of the original {months}-month warranty ({origin}) until {until}',
    extended: 'within the extended warranty until {until}',
    extendedCapped: 'within the extended warranty until {until} (at most {cappedYears} years from purchase)',
    repair_warranty: 'repaired unit delivered {deliveredOn}, within the {days}-day repair warranty until {until}',
    exchange_restart: 'replacement unit issued {replacedOn} starts its own {months}-month warranty until {until}',
    paid_repair_recurrence: 'the fault ({faultCategory}) is back after the paid repair delivered {deliveredOn}: repaired free until {until}',
    expired: 'warranty ended {until}',
    expired_standard: 'purchased {purchaseDate}, {months}-month warranty ended {until}',
    expired_no_proof_date_code: 'no proof of purchase; serial date code says manufactured {manufactured}, {months}-month warranty from manufacture ended {until}',
    expired_replacement_remainder: 'replacement unit issued {replacedOn}; the original {months}-month warranty ({origin}) ended {until}',
    expired_extended: 'extended warranty ended {until}',
    expired_repair_warranty: 'repaired unit delivered {deliveredOn}, {days}-day repair warranty ended {until}',
    expired_exchange_restart: 'replacement unit issued {replacedOn}; its own {months}-month warranty ended {until}',
    no_proof: 'no proof of purchase and the model has no date code: not covered',
    no_proof_unreadable: "no proof of purchase and the serial's date code cannot be read: not covered",
    damage: '{damage} found: not covered',
    paused: '({pausedDays} days in repair added)',
    purchased: 'purchased {purchaseDate}',
    manufactured: 'manufactured {manufactured}',
    and: ' and ',
  },
  ko: {
    no_reason_return: '{purchaseDate} 구매, 미사용·구성품 완비, {until}까지 {days}일 단순 반품 기간 내',
    standard: '{purchaseDate} 구매, {until}까지 {months}개월 보증 기간 내',
    no_proof_date_code: '구매 증빙 없음. 시리얼의 제조 코드상 {manufactured} 제조, 제조일부터 {until}까지 {months}개월 보증 기간 내',
    replacement_remainder: '{replacedOn} 교체품, 원래 {months}개월 보증({origin})의 남은 기간 {until}까지',
    extended: '{until}까지 연장 보증 기간 내',
    extendedCapped: '{until}까지 연장 보증 기간 내(구매일부터 최대 {cappedYears}년)',
    repair_warranty: '{deliveredOn} 수리품 인도, {until}까지 {days}일 수리 보증 기간 내',
    exchange_restart: '{replacedOn} 교환품, {until}까지 새 {months}개월 보증 기간 내',
    paid_repair_recurrence: '{deliveredOn} 인도한 유상 수리 후 같은 고장({faultCategory}) 재발: {until}까지 무상 수리',
    expired: '{until} 보증 종료',
    expired_standard: '{purchaseDate} 구매, {months}개월 보증 {until} 종료',
    expired_no_proof_date_code: '구매 증빙 없음. 시리얼의 제조 코드상 {manufactured} 제조, 제조일부터 {months}개월 보증 {until} 종료',
    expired_replacement_remainder: '{replacedOn} 교체품, 원래 {months}개월 보증({origin}) {until} 종료',
    expired_extended: '연장 보증 {until} 종료',
    expired_repair_warranty: '{deliveredOn} 수리품 인도, {days}일 수리 보증 {until} 종료',
    expired_exchange_restart: '{replacedOn} 교환품, 새 {months}개월 보증 {until} 종료',
    no_proof: '구매 증빙이 없고 모델에 제조 코드가 없음: 보증 미적용',
    no_proof_unreadable: '구매 증빙이 없고 시리얼의 제조 코드를 읽을 수 없음: 보증 미적용',
    damage: '{damage} 발견: 보증 미적용',
    paused: '(수리 기간 {pausedDays}일 연장)',
    purchased: '{purchaseDate} 구매',
    manufactured: '{manufactured} 제조',
    and: ', ',
  },
  zh: {
    no_reason_return: '{purchaseDate} 购买，未使用且完整，在 {days} 天无理由退货期内（至 {until}）',
    standard: '{purchaseDate} 购买，在 {months} 个月保修期内（至 {until}）',
    no_proof_date_code: '无购买凭证；序列号日期码显示 {manufactured} 生产，在自生产起 {months} 个月保修期内（至 {until}）',
    replacement_remainder: '{replacedOn} 换新的设备沿用原 {months} 个月保修（{origin}）的剩余期限（至 {until}）',
    extended: '在延保期内（至 {until}）',
    extendedCapped: '在延保期内（至 {until}，自购买起最长 {cappedYears} 年）',
    repair_warranty: '维修后 {deliveredOn} 交付，在 {days} 天维修保修期内（至 {until}）',
    exchange_restart: '{replacedOn} 换货，保修期重新计算，在 {months} 个月保修期内（至 {until}）',
    paid_repair_recurrence: '{deliveredOn} 交付的付费维修后同一故障（{faultCategory}）再次出现：免费维修至 {until}',
    expired: '保修已于 {until} 结束',
    expired_standard: '{purchaseDate} 购买，{months} 个月保修已于 {until} 结束',
    expired_no_proof_date_code: '无购买凭证；序列号日期码显示 {manufactured} 生产，自生产起 {months} 个月保修已于 {until} 结束',
    expired_replacement_remainder: '{replacedOn} 换新的设备，原 {months} 个月保修（{origin}）已于 {until} 结束',
    expired_extended: '延保已于 {until} 结束',
    expired_repair_warranty: '维修后 {deliveredOn} 交付，{days} 天维修保修已于 {until} 结束',
    expired_exchange_restart: '{replacedOn} 换货，其 {months} 个月保修已于 {until} 结束',
    no_proof: '无购买凭证且该型号没有日期码：不在保',
    no_proof_unreadable: '无购买凭证且无法读取序列号的日期码：不在保',
    damage: '发现{damage}：不在保',
    paused: '（已顺延维修占用的 {pausedDays} 天）',
    purchased: '{purchaseDate} 购买',
    manufactured: '{manufactured} 生产',
    and: '、',
  },
};

const damageWords: Record<Language, Record<DamageKind, string>> = {
  en: { tampering: 'signs of tampering', liquid: 'liquid damage', physical: 'physical damage' },
  ko: { tampering: '임의 개조 흔적', liquid: '침수 흔적', physical: '물리적 손상' },
  zh: { tampering: '拆改痕迹', liquid: '进液损坏', physical: '物理损坏' },
};

/** The sentence of a decision's rule. */
function sentenceOf(rule: WarrantyRule, p: WarrantyParams): string {
  switch (rule) {
    case 'damage_physical':
    case 'damage_liquid':
    case 'tampering':
      return 'damage';
    case 'no_proof':
      return p.dateCode === 'unreadable' ? 'no_proof_unreadable' : 'no_proof';
    case 'expired':
      return p.ended && p.ended !== 'paid_repair_recurrence' ? `expired_${p.ended}` : 'expired';
    case 'extended':
      return p.cappedYears !== undefined ? 'extendedCapped' : 'extended';
    default:
      return rule;
  }
}

/** Why the warranty decided as it did, in a language: the rule and its params, worded. */
export function coverageReasonIn(
  language: Language,
  decision: { rule: WarrantyRule; params: WarrantyParams; until: CalendarDate | null },
): string {
  const words = sentences[language];
  const p = decision.params;
  const params: Params = {};
  for (const [name, value] of Object.entries(p)) if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  if (p.until === undefined && decision.until !== null) params.until = decision.until;
  params.damage = (p.damage ?? []).map((kind) => damageWords[language][kind]).join(words.and);
  params.origin = fill(p.purchaseDate !== undefined ? words.purchased! : words.manufactured!, params);
  const sentence = fill(words[sentenceOf(decision.rule, p)]!, params);
  return p.pausedDays ? `${sentence} ${fill(words.paused!, params)}` : sentence;
}
