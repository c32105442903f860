import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { stockMessages } from '../common/index.ts';

export const stockTranslations: Translations<typeof stockMessages> = {
  ko: {
    chooseProduct: '모델을 고르세요',
    chooseGrade: '신품 또는 리퍼를 고르세요',
    chooseSource: '유닛의 출처를 고르세요',
    versionRequired: '최소 수량의 버전이 필요합니다',
    noProduct: '제품 {id}번이 없습니다',
    serialInStock: '이미 재고에 있는 시리얼 번호: {serial} ({model}, {date} {name} 입고)',
    serialUsed: '이미 사용된 시리얼 번호: {serial}. {rma} 유닛을 교체했습니다.',
    serialShipped: '이미 사용된 시리얼 번호: {serial}. {rma} 케이스에 먼저 보냈습니다.',
    unknownRma: '이 RMA 번호의 케이스가 없습니다: {code}. 유닛 태그의 RMA 바코드를 스캔하세요.',
    notKept: '{rma} 유닛은 센터에 남은 유닛이 아닙니다. 교체나 환불로 처리된 케이스의 고장 유닛만 재고에 넣습니다.',
    wrongModelCase: '{rma} 유닛의 모델: {caseModel} (선택한 모델: {model}). 먼저 모델 {caseModel} 항목을 고르세요.',
    caseStocked: '{rma} 유닛은 이미 재고에 있습니다. 시리얼 번호: {serial}',
    minimum: '최소 수량은 0부터 {max}까지의 정수입니다',
    changed: '그사이 다른 작업대에서 {model} 최소 수량을 바꿨습니다. 목록에 바뀐 내용이 보이니 다시 시도하세요.',
    notInStock: '재고에 시리얼 번호 {serial}인 유닛이 없습니다. 먼저 재고 화면에서 입고하세요.',
    wrongModel: '시리얼 번호 {serial}의 모델: {stockModel}. {rma} 유닛의 모델: {model}. 같은 모델로 교체하세요.',
    caseNoModel: '{rma} 유닛의 모델을 Depot이 모릅니다. 재고 유닛으로 교체할 수 없습니다.',
  },
  zh: {
    chooseProduct: '请选择型号',
    chooseGrade: '请选择全新或翻新',
    chooseSource: '请选择设备来源',
    versionRequired: '需要最低库存的版本',
    noProduct: '没有产品 {id}',
    serialInStock: '序列号 {serial} 已在库：{model}，{date} 由 {name} 入库',
    serialUsed: '序列号 {serial} 已用过：它更换了 {rma} 的设备',
    serialShipped: '序列号 {serial} 已用过：已预先发给 {rma}',
    unknownRma: '没有 RMA 号为 {code} 的案例：请扫描设备标签上的 RMA 条码',
    notKept: '{rma} 的设备不在维修中心：只有以换新或退款结案的故障设备才能入库',
    wrongModelCase: '{rma} 的设备是 {caseModel}，不是 {model}：请先选择 {caseModel}',
    caseStocked: '{rma} 的设备已以序列号 {serial} 入库',
    minimum: '最低库存为 0 到 {max} 的整数',
    changed: '{model} 的最低库存刚被其他工位修改：列表已更新，请重试',
    notInStock: '库存中没有序列号为 {serial} 的设备：请先在库存页面入库',
    wrongModel: '序列号 {serial} 是 {stockModel}，不是 {rma} 设备的型号 {model}',
    caseNoModel: 'Depot 不认识 {rma} 设备的型号：无法用库存设备更换',
  },
};

registerMessages(stockMessages, stockTranslations);
