import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { printingMessages } from '../common/index.ts';

export const printingTranslations: Translations<typeof printingMessages> = {
  ko: {
    notInstalled: '이 컴퓨터에 "{printer}" 프린터가 설치되어 있지 않습니다',
    noZpl: '이 서류에는 라벨 프린터(ZPL)용 형식이 없습니다',
    notReachable: '"{printer}" 프린터가 설치되어 있지 않거나 이 컴퓨터에서 연결할 수 없습니다',
  },
  zh: {
    notInstalled: '此电脑上未安装打印机“{printer}”',
    noZpl: '此单据没有标签打印机（ZPL）格式',
    notReachable: '打印机“{printer}”未安装，或无法从此电脑访问',
  },
};

registerMessages(printingMessages, printingTranslations);
