import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { receivingMessages } from '../common/index.ts';

export const receivingTranslations: Translations<typeof receivingMessages> = {
  ko: {
    choosePackaging: '포장 상태를 선택하세요',
    sayWhyUndone: '입고를 취소하는 사유를 입력하세요',
    serialMismatch: '시리얼이 RMA({serial})와 다릅니다. 받으려면 사유를 입력하세요',
    nothingToUndo: '{rma} 케이스는 입고 상태가 아니라서 취소할 입고가 없습니다',
    onlyReceiverUndoes: '입고는 받은 사람만 15분 안에 취소할 수 있습니다. 관리자에게 요청하세요',
    noParcel: '그런 소포가 없습니다',
    parcelLinked: '이 소포는 이미 케이스에 연결되어 있습니다',
    mismatchAccepted: '시리얼 불일치 승인: {reason}',
    undone: '입고 취소: {reason}',
    parcelLinkedFrom: '미확인 선반의 소포 {tracking} 연결',
    parcelLinkedFromShelf: '미확인 선반({shelf})의 소포 {tracking} 연결',
  },
  zh: {
    choosePackaging: '请选择包装状态',
    sayWhyUndone: '请说明撤销收货的原因',
    serialMismatch: '序列号与 RMA 不符（{serial}）；如要接收请填写原因',
    nothingToUndo: '{rma} 不在已收货状态：没有可撤销的收货',
    onlyReceiverUndoes: '只有收货人可在 15 分钟内撤销收货；请联系管理员',
    noParcel: '没有这个包裹',
    parcelLinked: '此包裹已关联到案例',
    mismatchAccepted: '已接受序列号不符：{reason}',
    undone: '已撤销收货：{reason}',
    parcelLinkedFrom: '已从未匹配货架关联包裹 {tracking}',
    parcelLinkedFromShelf: '已从未匹配货架（{shelf}）关联包裹 {tracking}',
  },
};

registerMessages(receivingMessages, receivingTranslations);
