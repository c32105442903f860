import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { documentsMessages } from '../common/index.ts';

export const documentsTranslations: Translations<typeof documentsMessages> = {
  ko: {
    notCode128: '"{text}" 값은 Code128 바코드로 인쇄할 수 없습니다. 인쇄 가능한 ASCII 문자만 쓰세요',
    barcodeTooWide: '"{text}" 값은 너비 {width}pt인 바코드에 넣기에는 너무 깁니다',
    barcodeTooLongForLabel: '"{text}" 값은 이 라벨의 바코드로 넣기에는 너무 깁니다',
    noLabels: '인쇄할 라벨이 없습니다',
    labelSizesDiffer: '함께 인쇄하는 라벨은 크기가 모두 같아야 합니다',
    labelTooBig: '{first}–{last}번 라벨 중 한 페이지에 들어가지 않는 라벨이 있습니다',
    printerTimeout: '{host}:{port}의 라벨 프린터가 {seconds}초 안에 응답하지 않았습니다. 프린터가 켜져 있고 네트워크에 연결되어 있는지 확인하세요.',
    printerUnreachable: '{host}:{port}의 프린터로 라벨을 보내지 못했습니다({error}). 프린터 주소가 맞는지, 프린터가 켜져 있는지 확인하세요.',
  },
  zh: {
    notCode128: '“{text}”无法打印为 Code128 条码：只能使用可打印的 ASCII 字符',
    barcodeTooWide: '“{text}”太长，无法放入 {width} pt 宽的条码',
    barcodeTooLongForLabel: '“{text}”太长，无法在此标签上打印为条码',
    noLabels: '没有要打印的标签',
    labelSizesDiffer: '一起打印的标签必须尺寸相同',
    labelTooBig: '第 {first}–{last} 张标签中有一张无法放在一页内',
    printerTimeout: '位于 {host}:{port} 的标签打印机在 {seconds} 秒内没有响应。请检查它是否已开机并已连接网络。',
    printerUnreachable: '无法将标签发送到位于 {host}:{port} 的打印机（{error}）。请检查打印机地址，并确认它已开机。',
  },
};

registerMessages(documentsMessages, documentsTranslations);
