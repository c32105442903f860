import { sayIn, type Language, type Said, type Translations } from '../../../base/common/messages.ts';
import { warrantyMessages } from './messages.ts';
import type { Remedy } from './regional.ts';
import type { RemedyDecision } from './remedies.ts';

/**
 * The warranty's messages in Korean and Chinese. They are common, not the screen's alone: the
 * documents and the portal tell the customer their remedies in the customer's language.
 */
export const warrantyTranslations: Translations<typeof warrantyMessages> = {
  ko: {
    numberOfMonths: '{label} 항목에 개월 수를 입력하세요',
    numberOfDays: '{label} 항목에 일수를 입력하세요',
    numberOfYears: '{label} 항목에 연수를 입력하세요',
    wholeMonths: '{label} 항목은 개월 단위의 정수여야 합니다',
    wholeDays: '{label} 항목은 일 단위의 정수여야 합니다',
    wholeYears: '{label} 항목은 년 단위의 정수여야 합니다',
    betweenMonths: '{label} 항목은 {min}~{max}개월이어야 합니다',
    betweenDays: '{label} 항목은 {min}~{max}일이어야 합니다',
    betweenYears: '{label} 항목은 {min}~{max}년이어야 합니다',
    aNumber: '{label} 항목에 숫자를 입력하세요',
    aWholeNumber: '{label} 항목은 정수여야 합니다',
    betweenNumbers: '{label} 항목은 {min}~{max} 사이여야 합니다',
    ruleKind: 'Depot이 아는 소비자 규정 중에서 고르세요',
    ruleTwice: '이 규정은 이 지역에 이미 있습니다',
    remedyKind: '구제 방법은 환불, 교환, 수리 중 하나입니다',
    chooseRemedy: '구제 방법을 하나 이상 고르세요',
    periodUnit: '기간은 일 또는 개월 단위로 셉니다',
    freightPayer: '반송 운임을 고객과 회사 중 누가 내는지 고르세요',
    tooManyRules: '한 지역에는 규정을 최대 {max}개까지 둘 수 있습니다',
    regionCode: '지역은 KR, CN, GR, US 같은 두 글자 국가 코드입니다',
    damageKind: '손상 종류는 물리적 손상, 침수, 임의 개조 중 하나입니다',
    lineTwice: '{productLine} 제품군이 두 번 나옵니다',
    regionTwice: '{region} 지역이 두 번 나옵니다',
    regionLineTwice: '{region} / {productLine} 항목이 두 번 나옵니다',
    notRegex: '올바른 정규식이 아닙니다',
    patternGroups: '패턴에는 (?<year>…) 그룹과, (?<week>…) 또는 (?<month>…) 그룹 중 하나가 있어야 합니다',
    notRealDate: '올바른 날짜(YYYY-MM-DD)가 아닙니다: "{value}"',
    purchaseAfterToday: '구매일({date})이 오늘({today}) 이후입니다',
    extendedBeforePurchase: '연장 보증 종료일({date})이 구매일({purchaseDate})보다 앞섭니다',
    repairBeforePurchase: '수리품 인도일({date})이 구매일({purchaseDate})보다 앞섭니다',
    replacementBeforePurchase: '교체일({date})이 구매일({purchaseDate})보다 앞섭니다',
    repairAfterToday: '수리품 인도일({date})이 오늘({today}) 이후입니다',
    replacementAfterToday: '교체일({date})이 오늘({today}) 이후입니다',
    goodsReceivedBeforePurchase: '물품 수령일({date})이 구매일({purchaseDate})보다 앞섭니다',
    goodsReceivedAfterToday: '물품 수령일({date})이 오늘({today}) 이후입니다',
    earlyFaultDays: '{reportedOn} 고장 접수, {purchaseDate} 구매 후 {day}일째: {count}일 이내 ({clause})',
    earlyFaultMonths: '{reportedOn} 고장 접수, {purchaseDate} 구매 후 {day}일째: {count}개월 이내 ({clause})',
    repeatSameFault: '보증 수리 {repairs}회 후 같은 고장({faultCategory}) 재발 ({clause})',
    repeatAnyFault: '보증 수리 {repairs}회 후 다시 고장 ({clause})',
    repairDelay: '이번 접수 후 수리 {days}일째, {overDays}일 초과 ({clause})',
    partsDelay: '{sentOn} 입고 후 부품 대기로 {days}일째 미수리, {overDays}일 초과 ({clause})',
    lostUnit: '수리를 맡긴 제품을 사업자가 분실함 ({clause})',
    distanceWithdrawal: '통신판매 구매, {receivedOn} 수령, 미사용·구성품 완비 상태로 {reportedOn} 반품: 수령 후 {count}일 이내 청약철회, 사유 불필요. {freight} ({clause})',
    defectReturn: '{receivedOn} 수령 후 {count}일 이내인 {reportedOn} 품질 하자 접수. {freight} ({clause})',
    paidRepairRecurrence: '{deliveredOn} 인도한 유상 수리 후 같은 고장({faultCategory}) 재발: {until}까지 무상 수리 ({clause})',
    freightCustomer: '반송 운임은 고객 부담',
    freightCompany: '운임은 회사 부담',
  },
  zh: {
    numberOfMonths: '{label}须为月数',
    numberOfDays: '{label}须为天数',
    numberOfYears: '{label}须为年数',
    wholeMonths: '{label}须为整数个月',
    wholeDays: '{label}须为整数天',
    wholeYears: '{label}须为整数年',
    betweenMonths: '{label}须在 {min} 到 {max} 个月之间',
    betweenDays: '{label}须在 {min} 到 {max} 天之间',
    betweenYears: '{label}须在 {min} 到 {max} 年之间',
    aNumber: '{label}须为数字',
    aWholeNumber: '{label}须为整数',
    betweenNumbers: '{label}须在 {min} 到 {max} 之间',
    ruleKind: '请选择 Depot 支持的消费者规则',
    ruleTwice: '该地区已列出此规则',
    remedyKind: '补救方式为退货、换货或修理',
    chooseRemedy: '请至少选择一种补救方式',
    periodUnit: '期限按天或按月计算',
    freightPayer: '请说明退货运费由客户还是公司承担',
    tooManyRules: '每个地区最多 {max} 条规则',
    regionCode: '地区须为两个字母的国家代码，如 KR、CN、GR、US',
    damageKind: '损坏类型须为物理损坏、进液或拆改',
    lineTwice: '{productLine} 重复列出',
    regionTwice: '{region} 重复列出',
    regionLineTwice: '{region} / {productLine} 重复列出',
    notRegex: '不是有效的正则表达式',
    patternGroups: '格式需要一个 (?<year>…) 组，以及 (?<week>…) 或 (?<month>…) 组中的一个',
    notRealDate: '不是有效日期（YYYY-MM-DD）：“{value}”',
    purchaseAfterToday: '购买日期 {date} 晚于今天（{today}）',
    extendedBeforePurchase: '延保截止日 {date} 早于购买日期 {purchaseDate}',
    repairBeforePurchase: '维修交付日 {date} 早于购买日期 {purchaseDate}',
    replacementBeforePurchase: '换新日期 {date} 早于购买日期 {purchaseDate}',
    repairAfterToday: '维修交付日 {date} 晚于今天（{today}）',
    replacementAfterToday: '换新日期 {date} 晚于今天（{today}）',
    goodsReceivedBeforePurchase: '收货日期 {date} 早于购买日期 {purchaseDate}',
    goodsReceivedAfterToday: '收货日期 {date} 晚于今天（{today}）',
    earlyFaultDays: '{reportedOn} 报修，{purchaseDate} 购买后第 {day} 天：在 {count} 日内（{clause}）',
    earlyFaultMonths: '{reportedOn} 报修，{purchaseDate} 购买后第 {day} 天：在 {count} 个月内（{clause}）',
    repeatSameFault: '保修期内修理 {repairs} 次后同一故障（{faultCategory}）再次出现（{clause}）',
    repeatAnyFault: '保修期内修理 {repairs} 次后仍不能正常使用（{clause}）',
    repairDelay: '本次修理已 {days} 天，超过 {overDays} 天（{clause}）',
    partsDelay: '{sentOn} 送修，因缺少零配件 {days} 天未修好，超过 {overDays} 天（{clause}）',
    lostUnit: '送修产品被经营者遗失（{clause}）',
    distanceWithdrawal: '远程购买，{receivedOn} 收货，未使用且完好，{reportedOn} 退货：收货后 {count} 日内无理由退货；{freight}（{clause}）',
    defectReturn: '{reportedOn} 提出质量问题，在 {receivedOn} 收货后 {count} 日内；{freight}（{clause}）',
    paidRepairRecurrence: '{deliveredOn} 交付的付费维修后同一故障（{faultCategory}）再次出现：免费维修至 {until}（{clause}）',
    freightCustomer: '退货运费由客户承担',
    freightCompany: '运费由公司承担',
  },
};

/** A warranty message (a remedy's reason) in a language. */
export const warrantySaidIn = (language: Language, said: Said): string => sayIn(language, said, warrantyMessages, warrantyTranslations);

/** One remedy the customer may ask for, with why, in the customer's language. */
export interface RemedyOffer {
  remedy: Remedy;
  reason: string;
}

/**
 * What the customer is told of their remedies (on the estimate, the repair report and the portal):
 * each remedy with the reason of the first rule that gives it, or the warranty's reason for a
 * repair, in `language`. Empty when no regional rule added anything, so the customer reads only the warranty.
 */
export function remedyOffers(decision: RemedyDecision, warrantyReason: string, language: Language): RemedyOffer[] {
  if (decision.grants.length === 0) return [];
  return decision.remedies.map((remedy) => {
    const grant = decision.grants.find((g) => g.remedies.includes(remedy));
    return { remedy, reason: grant ? warrantySaidIn(language, grant.reason) : warrantyReason };
  });
}
