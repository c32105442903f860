import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { productsMessages } from '../common/index.ts';

export const productsTranslations: Translations<typeof productsMessages> = {
  ko: {
    modelExists: '이미 목록에 있는 모델입니다: {model}',
    warrantyMonths: '보증 개월 수는 0부터 120까지의 정수입니다',
    accessory: '목록에 있는 구성품 중에서 고르세요',
    chooseProduct: '제품을 선택하세요',
    noProduct: '제품 {id}번이 없습니다',
    versionRequired: '제품 버전이 필요합니다',
    changed: '그사이 다른 관리자가 이 제품 정보를 바꿨습니다: {model}. 목록에 바뀐 내용이 보이니 다시 시도하세요.',
    retiredOnlyForAdmin: '단종된 제품은 관리자만 볼 수 있습니다',
    retired: '단종된 모델입니다: {model}. 이 모델로는 새 케이스를 열 수 없습니다.',
    alreadyActive: '이미 판매 중인 모델입니다: {model}',
    alreadyRetired: '이미 단종된 모델입니다: {model}',
  },
  zh: {
    modelExists: '型号 {model} 已在列表中',
    warrantyMonths: '保修月数须为 0 到 120 的整数',
    accessory: '请从列表中选择配件',
    chooseProduct: '请选择产品',
    noProduct: '没有产品 {id}',
    versionRequired: '需要产品版本',
    changed: '{model} 刚被另一位管理员修改。列表已显示修改后的内容，请重试。',
    retiredOnlyForAdmin: '只有管理员可以查看已停产的产品',
    retired: '型号 {model} 已停产，不能为其新建案例',
    alreadyActive: '{model} 已在售',
    alreadyRetired: '{model} 已停产',
  },
};

registerMessages(productsMessages, productsTranslations);
