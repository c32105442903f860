import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { partsMessages } from '../common/index.ts';

export const partsTranslations: Translations<typeof partsMessages> = {
  ko: {
    skuTaken: '목록에 이미 SKU {sku} 부품이 있습니다',
    noPart: '부품 {id}번이 없습니다',
    sayWhyStock: '재고가 바뀌는 이유를 입력하세요 (실사, 입고, 분실)',
    unknownSku: '알 수 없는 SKU입니다: {sku}',
    shortStock: '{sku} 재고가 {stock}개뿐입니다. 그래도 {quantity}개를 사용하려면 재고 사유를 입력하세요',
    stockChanged: '그 사이 {sku} 재고가 바뀌었습니다. 다시 시도하세요',
    header: '첫 행은 다음 머리글이어야 합니다: {header}',
    noRows: '파일의 머리글 아래에 부품이 없습니다',
    tooManyRows: '한 파일에 부품은 최대 {max}개까지 넣을 수 있습니다',
    problems: '문제 {count}건이 있어 아무것도 가져오지 않았습니다',
    rowColumns: '{row}행: 열이 {expected}개여야 하는데 {found}개입니다',
    rowPrice: '{row}행: 가격 "{price}" 값이 {currency} 금액 형식이 아닙니다 (예: {example} → {plain})',
    rowStock: '{row}행: 재고 "{stock}" 값이 정수가 아닙니다',
    rowSkuTwice: '{row}행: SKU {sku} 항목이 {first}행에도 있습니다',
    rowRequired: '{row}행: {label} 항목을 입력하세요',
    rowTooLong: '{row}행: {label} 항목은 최대 {max}자까지 쓸 수 있습니다',
    rowProblem: '{row}행: {problem}',
  },
  zh: {
    skuTaken: '目录中已有 SKU {sku}',
    noPart: '没有配件 {id}',
    sayWhyStock: '请说明库存变动的原因（盘点、到货、损耗）',
    unknownSku: '未知的 SKU {sku}',
    shortStock: '{sku} 库存仅有 {stock} 个；如仍要使用 {quantity} 个，请填写库存说明',
    stockChanged: '{sku} 的库存已被他人更改；请重试',
    header: '第一行必须是表头 {header}',
    noRows: '文件的表头之后没有配件',
    tooManyRows: '每个文件最多 {max} 个配件',
    problems: '有 {count} 个问题；未导入任何内容',
    rowColumns: '第 {row} 行：应有 {expected} 列，实际为 {found} 列',
    rowPrice: '第 {row} 行：价格“{price}”不是 {currency} 金额（例如 {example} 应写作 {plain}）',
    rowStock: '第 {row} 行：库存“{stock}”不是整数',
    rowSkuTwice: '第 {row} 行：SKU {sku} 也出现在第 {first} 行',
    rowRequired: '第 {row} 行：请填写{label}',
    rowTooLong: '第 {row} 行：{label}最多 {max} 个字符',
    rowProblem: '第 {row} 行：{problem}',
  },
};

registerMessages(partsMessages, partsTranslations);
