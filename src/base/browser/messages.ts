import i18next, { type TFunction } from 'i18next';
import {
  commonMessages,
  databaseMessages,
  fieldLabels,
  fill,
  labelKeysOf,
  LABELS_PARAM,
  languageTag,
  readSaid,
  type FieldLabel,
  type MessageLanguage,
  type NotePart,
  type Params,
  type Reason,
  type Said,
  type Translations,
} from '../common/messages.ts';
import type { ApiError } from '../common/result.ts';

export type { MessageLanguage, Translations } from '../common/messages.ts';

const catalogs = new Map<string, Translations<{ english: Record<string, string> }>>();

/** The translations registered for a feature's catalog, if any. */
export const registeredTranslations = (feature: string) => catalogs.get(feature);

/** Makes a feature's translations known; the renderer's entry point registers every feature's. */
export function registerMessages(catalog: { feature: string; english: Record<string, string> }, translations: Translations<typeof catalog>): void {
  catalogs.set(catalog.feature, translations);
}

const labels: Record<MessageLanguage, Record<FieldLabel, string>> = {
  ko: {
    field: '이 항목',
    text: '이 글',
    siteName: '사이트 이름',
    name: '이름',
    line1: '주소 1',
    line2: '주소 2',
    city: '시/도',
    region: '지역',
    postalCode: '우편번호',
    country: '국가',
    phone: '전화번호',
    email: '이메일',
    timeZone: '시간대',
    adminName: '관리자 이름',
    pin: 'PIN',
    newPin: '새 PIN',
    pinLength: 'PIN 자릿수',
    idleMinutes: '자동 잠금까지 유휴 시간(분)',
    documentLanguage: '문서 언어',
    note: '메모',
    reason: '사유',
    serial: '시리얼 번호',
    carrier: '택배사',
    service: '서비스',
    tracking: '운송장 번호',
    model: '모델',
    customerName: '고객 이름',
    rma: 'RMA 번호',
    date: '날짜',
    problemCategory: '문제 유형',
    problemDescription: '문제 설명',
    sku: 'SKU',
    partName: '부품 이름',
    productLine: '제품군',
    description: '설명',
    printer: '프린터',
    faultCategory: '고장 유형',
    faultFound: '발견된 고장',
    testResults: '테스트 결과',
    internalNotes: '내부 메모',
    customerNotes: '고객 안내',
    workDone: '작업 내용',
    stockReason: '재고 변경 사유',
    shelf: '보관 선반',
    sender: '보낸 사람',
    search: '검색어',
    paymentReference: '결제 참조 번호',
    otherAccessories: '기타 구성품',
    fileName: '파일 이름',
    contents: '내용물',
    price: '가격',
    amount: '금액',
    unitPrice: '단가',
    shipping: '배송비',
    discount: '할인',
    hourlyRate: '시간당 공임',
    level1Fee: '1등급 요금',
    level2Fee: '2등급 요금',
    level3Fee: '3등급 요금',
    returnShippingFee: '반송 배송비',
    standardWarranty: '기본 보증',
    warranty: '보증 기간',
    noReasonReturn: '단순 반품 기간',
    companyPaidShipping: '배송비 회사 부담 기간',
    extendedWarranty: '연장 보증',
    repairWarranty: '수리 보증',
    dateCodePattern: '제조 코드 패턴',
    clause: '근거 조항',
    rulePeriod: '기간',
    ruleRepairs: '수리 횟수',
    ruleDays: '일수',
    goodsReceivedOn: '물품 수령일',
    vendor: '공급업체',
  },
  zh: {
    field: '此项',
    text: '此文本',
    siteName: '站点名称',
    name: '姓名',
    line1: '地址第 1 行',
    line2: '地址第 2 行',
    city: '城市',
    region: '省/州',
    postalCode: '邮政编码',
    country: '国家/地区',
    phone: '电话',
    email: '电子邮件',
    timeZone: '时区',
    adminName: '管理员姓名',
    pin: 'PIN',
    newPin: '新 PIN',
    pinLength: 'PIN 位数',
    idleMinutes: '空闲多少分钟后锁定',
    documentLanguage: '文档语言',
    note: '备注',
    reason: '原因',
    serial: '序列号',
    carrier: '承运商',
    service: '服务',
    tracking: '运单号',
    model: '型号',
    customerName: '客户姓名',
    rma: 'RMA 编号',
    date: '日期',
    problemCategory: '问题类别',
    problemDescription: '问题描述',
    sku: 'SKU',
    partName: '零件名称',
    productLine: '产品线',
    description: '说明',
    printer: '打印机',
    faultCategory: '故障类别',
    faultFound: '发现的故障',
    testResults: '测试结果',
    internalNotes: '内部备注',
    customerNotes: '给客户的说明',
    workDone: '完成的工作',
    stockReason: '库存变动原因',
    shelf: '货架',
    sender: '寄件人',
    search: '搜索词',
    paymentReference: '付款参考号',
    otherAccessories: '其他配件',
    fileName: '文件名',
    contents: '内容',
    price: '价格',
    amount: '金额',
    unitPrice: '单价',
    shipping: '运费',
    discount: '折扣',
    hourlyRate: '每小时工时费',
    level1Fee: '1 级费用',
    level2Fee: '2 级费用',
    level3Fee: '3 级费用',
    returnShippingFee: '回寄运费',
    standardWarranty: '标准保修',
    warranty: '保修期',
    noReasonReturn: '无理由退货期',
    companyPaidShipping: '公司承担运费期',
    extendedWarranty: '延保',
    repairWarranty: '维修保修',
    dateCodePattern: '日期码格式',
    clause: '依据条款',
    rulePeriod: '期限',
    ruleRepairs: '维修次数',
    ruleDays: '天数',
    goodsReceivedOn: '收货日期',
    vendor: '供应商',
  },
};

/** Messages about one field, and zod's own answers to a malformed request. */
const fieldTranslations: Record<MessageLanguage, Record<string, string>> = {
  ko: {
    required: '{label} 항목을 입력하세요',
    tooLong: '{label} 항목은 최대 {max}자까지 쓸 수 있습니다',
    nul: '{label} 항목에 NUL 문자가 들어 있습니다. 지우고 다시 입력하세요',
    invisible: '{label} 항목에 보이지 않는 문자나 글자 방향을 바꾸는 문자가 들어 있습니다. 그런 문자 없이 다시 입력하세요',
  },
  zh: {
    required: '请填写{label}',
    tooLong: '{label}最多 {max} 个字符',
    nul: '{label}包含 NUL 字符，请删除后重新输入',
    invisible: '{label}包含不可见字符或文字方向控制字符，请去掉这些字符后重新输入',
  },
};
const inputTranslations: Record<MessageLanguage, string> = {
  ko: '입력값이 올바르지 않습니다',
  zh: '输入无效',
};

registerMessages(commonMessages, {
  ko: {
    rmaFormat: 'RMA 번호는 RMA-2026-000123 형식입니다',
    serialChars: '시리얼 번호에는 문자, 숫자, 공백과 - _ . / 만 쓸 수 있습니다',
    trackingChars: '운송장 번호에는 문자, 숫자, 공백, 대시만 쓸 수 있습니다',
    dateFormat: '날짜는 YYYY-MM-DD 형식으로 입력하세요',
    notDate: '올바른 날짜가 아닙니다',
    pin: 'PIN은 숫자 4~8자리입니다',
    pinDigits: '이 사이트의 PIN은 정확히 숫자 {digits}자리입니다',
    pinLength: 'PIN 자릿수는 4~8입니다',
    email: '이메일 주소가 아닙니다',
    phone: '전화번호에는 숫자, 공백, + ( ) - 만 쓸 수 있습니다',
    country: '국가는 KR, CN, GR, US 같은 두 글자 코드입니다',
    timeZone: '알 수 없는 시간대입니다',
    minDays: '최소 {min}일',
    maxDays: '최대 {max}일',
    idleMinutes: '{min}분에서 {max}분 사이로 입력하세요',
    documentLanguage: '고객의 언어, 영어, 한국어, 중국어 중에서 고르세요',
    scanCode: '코드를 스캔하세요',
    notACode: '코드가 아닙니다: 최대 200자입니다',
    versionRequired: '케이스 버전이 필요합니다',
    number: '숫자를 입력하세요',
    wholeNumber: '정수를 입력하세요',
    amount: '금액을 입력하세요',
    invalid: '입력값이 올바르지 않습니다',
    unknownMethod: '알 수 없는 요청입니다: {method}',
    signInFirst: '세션이 끝났습니다. 다시 로그인하세요.',
    roleCannot: '{role} 역할로는 할 수 없는 작업입니다.',
    internal: 'Depot이 작업을 수행하지 못했습니다. 다시 시도하고, 계속 실패하면 관리자에게 알리세요.',
    unreachable: 'Depot에 연결할 수 없습니다.',
    foreignWindow: 'Depot 자체 창에서 온 요청만 받습니다.',
  },
  zh: {
    rmaFormat: 'RMA 编号的格式为 RMA-2026-000123',
    serialChars: '序列号只能包含字母、数字、空格和 - _ . /',
    trackingChars: '运单号只能包含字母、数字、空格和短横线',
    dateFormat: '日期格式为 YYYY-MM-DD',
    notDate: '不是有效日期',
    pin: 'PIN 为 4 到 8 位数字',
    pinDigits: '本站点的 PIN 必须正好是 {digits} 位数字',
    pinLength: 'PIN 位数为 4 到 8',
    email: '不是有效的电子邮件地址',
    phone: '电话号码只能包含数字、空格和 + ( ) -',
    country: '国家/地区为两个字母的代码，如 KR、CN、GR、US',
    timeZone: '未知的时区',
    minDays: '至少 {min} 天',
    maxDays: '最多 {max} 天',
    idleMinutes: '请输入 {min} 到 {max} 分钟',
    documentLanguage: '请选择客户的语言、英语、韩语或中文',
    scanCode: '请扫描条码',
    notACode: '这不是条码：最多 200 个字符',
    versionRequired: '需要案例版本',
    number: '请输入数字',
    wholeNumber: '请输入整数',
    amount: '请输入金额',
    invalid: '输入无效',
    unknownMethod: '未知的请求：{method}',
    signInFirst: '会话已结束，请重新登录。',
    roleCannot: '{role} 角色无法执行此操作。',
    internal: 'Depot 无法完成此操作。请重试；如果仍然失败，请通知管理员。',
    unreachable: '无法连接到 Depot。',
    foreignWindow: '只接受来自 Depot 自身窗口的请求。',
  },
});

registerMessages(databaseMessages, {
  ko: {
    newerSchema: '이 데이터베이스는 더 새로운 Depot에서 저장되었습니다(스키마 {newest}, 이 Depot은 {known}까지 지원). 열려면 Depot을 업데이트하세요.',
    empty: '데이터베이스가 있어야 할 {file} 파일이 비어 있습니다(0바이트). 그 자리에 새 데이터베이스를 만들려면 다음을 실행하세요: depot init --db {file}',
    notSqlite: '{file} 파일은 데이터베이스가 아닙니다. SQLite 파일이 아닙니다. 경로를 확인하세요.',
    notDepot: '{file} 파일은 SQLite 데이터베이스이지만 Depot 데이터베이스가 아닙니다(depot_migrations 테이블 없음). 경로를 확인하세요.',
    truncated: '{file} 파일이 잘려 있습니다. 크기는 {size}바이트인데 헤더에는 {expected}바이트로 적혀 있습니다.',
    damaged: '{file} 파일이 손상되었습니다: {detail}.',
    unknownSchema: '{file} 파일에 이 Depot이 모르는 스키마 변경이 있습니다({ids}). 이 버전의 Depot에서 만든 파일이 아닙니다.',
    restoreNewest: 'Depot을 멈추고 최신 백업({taken})으로 복원하세요: depot restore {backup} --db {file}',
    noBackupFound: '{folder} 폴더에서 백업을 찾지 못했습니다. Depot을 멈추고 다른 곳에 둔 백업으로 복원하세요: depot restore BACKUP_FILE --db {file}',
    inUse: '실행 중인 Depot이 {file} 파일을 열고 있습니다. Depot을 멈춘 뒤 다시 복원하세요.',
    restoreSqliteOnly: 'Depot은 SQLite 파일만 복원합니다. PostgreSQL 데이터베이스는 pg_restore로 복원하세요.',
    noPgDump: 'PATH에서 pg_dump를 찾지 못했습니다. PostgreSQL 클라이언트 도구를 설치하거나 pg_dump로 직접 백업하세요.',
    pgDumpFailed: 'pg_dump 실행에 실패했습니다: {detail}',
    backupFailed: '백업에 실패했습니다: {detail}',
    notABackup: '{file} 항목은 파일이 아닙니다.',
  },
  zh: {
    newerSchema: '此数据库由更新版本的 Depot 写入（架构 {newest}；此 Depot 最高支持 {known}）。请更新 Depot 后再打开。',
    empty: '{file} 是空文件（0 字节），这里应当是数据库。要在此处新建数据库，请运行：depot init --db {file}',
    notSqlite: '{file} 不是数据库：它不是 SQLite 文件。请检查路径。',
    notDepot: '{file} 是 SQLite 数据库，但不是 Depot 数据库（没有 depot_migrations 表）。请检查路径。',
    truncated: '{file} 不完整：文件只有 {size} 字节，而文件头记录为 {expected} 字节。',
    damaged: '{file} 已损坏：{detail}。',
    unknownSchema: '{file} 含有此 Depot 不认识的架构变更（{ids}）；它不是由此版本的 Depot 写入的。',
    restoreNewest: '请停止 Depot 并恢复最新的备份（{taken}）：depot restore {backup} --db {file}',
    noBackupFound: '在 {folder} 中没有找到备份。请停止 Depot 并用其他位置的备份恢复：depot restore BACKUP_FILE --db {file}',
    inUse: '{file} 正被运行中的 Depot 打开。请先停止它，再重新恢复。',
    restoreSqliteOnly: 'Depot 只恢复 SQLite 文件。PostgreSQL 数据库请用 pg_restore 恢复。',
    noPgDump: '在 PATH 中找不到 pg_dump。请安装 PostgreSQL 客户端工具，或自行用 pg_dump 备份此数据库。',
    pgDumpFailed: 'pg_dump 运行失败：{detail}',
    backupFailed: '备份失败：{detail}',
    notABackup: '{file} 不是文件。',
  },
});

function templateOf(code: string, language: MessageLanguage): string | undefined {
  const dot = code.indexOf('.');
  const feature = code.slice(0, dot);
  const key = code.slice(dot + 1);
  if (feature === 'field') return fieldTranslations[language][key];
  if (feature === 'input') return inputTranslations[language];
  return (catalogs.get(feature)?.[language] as Record<string, string> | undefined)?.[key];
}

/**
 * Values that are themselves words: a field label's key, a status or role code, or the code of
 * another message (the work a refusal names). Everything else (RMA numbers, serials, amounts) is
 * shown as it is.
 */
function translatedParams(params: Params, language: MessageLanguage): Params {
  const out: Params = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value !== 'string') out[name] = value;
    else if (name === 'label' && value in fieldLabels) out[name] = labels[language][value as FieldLabel];
    else if (name === LABELS_PARAM) {
      const words = labelKeysOf(value).map((key) => (key in fieldLabels ? labels[language][key as FieldLabel] : key));
      out[name] = new Intl.ListFormat(languageTag(language), { type: 'conjunction' }).format(words);
    }
    else if ((name === 'status' || name === 'from' || name === 'to') && i18next.exists(`status.${value}`)) out[name] = i18next.t(`status.${value}` as never);
    else if (name === 'role' && i18next.exists(`role.${value}`)) out[name] = i18next.t(`role.${value}` as never);
    else out[name] = (/^[a-z-]+\.[A-Za-z]+$/.test(value) && templateOf(value, language)) || value;
  }
  return out;
}

/** A message in the reader's language; English (or a code Depot does not know yet) as it came. */
export function wordReason(reason: Reason, english: string, language: string): string {
  if (language !== 'ko' && language !== 'zh') return english;
  const template = templateOf(reason.code, language);
  return template ? fill(template, translatedParams(reason.params, language)) : english;
}

/** A message with its English (what the server said, or stored for staff), in the reader's language. */
export const saidIn = (said: Said, language: string): string => wordReason(said, said.text, language);

/** A message as a form keeps it (a schema's or the server's), in the reader's language. */
export function translateMessage(message: string): string {
  const said = readSaid(message);
  return said ? saidIn(said, i18next.language) : message;
}

/** The general message of a failed call, in the reader's language. */
export function errorMessage(error: ApiError, t: TFunction): string {
  if (error.code === 'forbidden') return t('error.forbidden');
  if (error.code === 'internal' && error.reason.code !== 'common.unreachable') return t('error.internal');
  return wordReason(error.reason, error.message, i18next.language);
}

/** A history note in the reader's language: Depot's own lines by their code, a person's words as typed. */
export function noteInLanguage(parts: readonly NotePart[] | null, english: string | null, language: string): string {
  if (!parts) return english ?? '';
  return parts.map((part) => ('code' in part ? wordReason(part, part.text, language) : part.text)).join('\n');
}
