import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { locationsMessages } from '../common/index.ts';

export const locationsTranslations: Translations<typeof locationsMessages> = {
  ko: {
    codeFormat: '위치 코드는 영문자, 숫자와 - _ . / 로 된 1~32자입니다(바코드로 인쇄됩니다)',
    nameRequired: '위치 이름을 입력하세요',
    kind: '위치 종류를 고르세요',
    codeExists: '이미 쓰고 있는 위치 코드입니다: {code}',
    chooseLocation: '위치를 선택하세요',
    noLocation: '위치 {id}번이 없습니다',
    versionRequired: '위치 버전이 필요합니다',
    changed: '그사이 다른 관리자가 이 위치 정보를 바꿨습니다: {code}. 목록에 바뀐 내용이 보이니 다시 시도하세요.',
    alreadyActive: '이미 사용 중인 위치입니다: {code}',
    alreadyRetired: '이미 사용 중지된 위치입니다: {code}',
    unknownUnit: '이 코드로 찾은 유닛이 없습니다: {code}. 유닛 태그의 RMA 바코드를 스캔하세요.',
    unknownLocation: '이 코드로 찾은 위치가 없습니다: {code}',
    retiredLocation: '사용 중지된 위치입니다: {code}. 다른 위치를 스캔하세요.',
    stationLocationUnknown: '이 코드로 찾은 위치가 없습니다: {code}. 이 스테이션이 유닛을 둘 위치를 고르세요.',
    stationLocationRetired: '사용 중지된 위치입니다: {code}. 이 스테이션이 유닛을 둘 다른 위치를 고르세요.',
    alreadyThere: '{rma} 유닛은 이미 {code} 위치에 있습니다',
    movedMeanwhile: '그사이 {name} 님이 {rma} 유닛을 {code} 위치로 옮겼습니다. 유닛을 다시 스캔하세요.',
    findTerm: 'RMA 번호나 시리얼을 입력하거나 스캔하세요',
  },
  zh: {
    codeFormat: '位置代码为 1 到 32 个字母、数字及 - _ . /（会打印成条码）',
    nameRequired: '请填写位置名称',
    kind: '请选择位置类型',
    codeExists: '位置代码 {code} 已在使用',
    chooseLocation: '请选择位置',
    noLocation: '没有位置 {id}',
    versionRequired: '需要位置版本',
    changed: '位置 {code} 刚被另一位管理员修改。列表已显示修改后的内容，请重试。',
    alreadyActive: '位置 {code} 已在使用',
    alreadyRetired: '位置 {code} 已停用',
    unknownUnit: '没有代码为 {code} 的设备：请扫描设备标签上的 RMA 条码',
    unknownLocation: '没有代码为 {code} 的位置',
    retiredLocation: '位置 {code} 已停用：请扫描其他位置',
    stationLocationUnknown: '没有代码为 {code} 的位置：请选择本工位放置设备的位置',
    stationLocationRetired: '位置 {code} 已停用：请为本工位另选放置设备的位置',
    alreadyThere: '{rma} 已在 {code}',
    movedMeanwhile: '{rma} 刚被 {name} 移到 {code}：请重新扫描设备',
    findTerm: '请输入或扫描 RMA 号或序列号',
  },
};

registerMessages(locationsMessages, locationsTranslations);
