import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { casesMessages } from '../common/index.ts';

export const casesTranslations: Translations<typeof casesMessages> = {
  ko: {
    noCase: '{rma} 케이스가 없습니다',
    conflict: '그 사이 다른 사람이 {rma} 케이스를 변경했습니다. 다시 불러온 뒤 시도하세요',
    rmaUsedUp: '{year}년 RMA 번호를 모두 사용했습니다',
    purchaseInFuture: '구매일이 미래 날짜입니다',
    unknownModel: '알 수 없는 모델입니다: "{model}"',
    onReceivingScreen: '이 단계는 입고 화면에서 진행합니다. 필요한 확인을 그 화면이 합니다',
    onBenchScreen: '이 단계는 수리 작업대 화면에서 진행합니다. 필요한 확인을 그 화면이 합니다',
    onShippingScreen: '이 단계는 출고 화면에서 진행합니다. 필요한 확인을 그 화면이 합니다',
    cannotBecome: '{from} 상태의 케이스는 {to} 상태로 바꿀 수 없습니다',
    roleCannotMove: '{role} 역할로는 케이스를 {from}에서 {to} 상태로 옮길 수 없습니다',
    giveReason: '사유를 입력하세요',
    scanSerial: '제품 시리얼을 스캔하거나 입력하세요',
    enterTracking: '운송장 번호를 입력하세요',
    chooseResolution: '처리 결과를 선택하세요',
    serialMismatch: '시리얼이 RMA({serial})와 다릅니다. 받으려면 사유를 입력하세요',
    searchTooLong: '검색어는 최대 {max}자입니다',
    notPossibleNow: '{rma} 케이스는 지금 {status} 상태라서 {doing} 작업을 할 수 없습니다',
  },
  zh: {
    noCase: '没有案例 {rma}',
    conflict: '{rma} 已被他人修改；请重新加载后再试',
    rmaUsedUp: '{year} 年的 RMA 编号已用完',
    purchaseInFuture: '购买日期在未来',
    unknownModel: '未知型号“{model}”',
    onReceivingScreen: '此操作在收货页面进行，该页面会检查所需信息',
    onBenchScreen: '此操作在维修台页面进行，该页面会检查所需信息',
    onShippingScreen: '此操作在发货页面进行，该页面会检查所需信息',
    cannotBecome: '状态为 {from} 的案例不能变为 {to}',
    roleCannotMove: '{role} 角色不能将案例从 {from} 改为 {to}',
    giveReason: '请填写原因',
    scanSerial: '请扫描或输入设备序列号',
    enterTracking: '请输入运单号',
    chooseResolution: '请选择处理结果',
    serialMismatch: '序列号与 RMA（{serial}）不符；请填写原因后接收',
    searchTooLong: '搜索词最多 {max} 个字符',
    notPossibleNow: '{rma} 当前为 {status}，现在无法进行{doing}',
  },
};

registerMessages(casesMessages, casesTranslations);
