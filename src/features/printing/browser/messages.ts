import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { printingMessages } from '../common/index.ts';

export const printingTranslations: Translations<typeof printingMessages> = {
  ko: {
    notInstalled: '이 컴퓨터에 "{printer}" 프린터가 설치되어 있지 않습니다',
    noZpl: '이 서류에는 라벨 프린터(ZPL)용 형식이 없습니다',
    notReachable: '"{printer}" 프린터가 설치되어 있지 않거나 이 컴퓨터에서 연결할 수 없습니다',
    cupsNotRunning: '이 컴퓨터에서 인쇄 서비스(CUPS)가 실행되고 있지 않습니다. 서비스를 시작한 뒤 다시 인쇄하세요',
    cupsServerDown: '인쇄 서버 {server}에서 응답이 없습니다. 그 서버에서 CUPS가 실행 중인지 확인한 뒤 다시 인쇄하세요',
    cupsMissing: '이 컴퓨터에 인쇄 명령 "{command}" 없음: 인쇄하려면 CUPS를 설치하세요',
    cupsNoSuchPrinter: '인쇄 서비스에 "{printer}" 프린터가 없습니다. CUPS에 추가하거나 다른 프린터를 선택하세요',
    refused: '프린터가 서류를 거부했습니다({detail})',
    lpFailed: '"{printer}" 프린터가 서류를 받지 않았습니다: {detail}',
  },
  zh: {
    notInstalled: '此电脑上未安装打印机“{printer}”',
    noZpl: '此单据没有标签打印机（ZPL）格式',
    notReachable: '打印机“{printer}”未安装，或无法从此电脑访问',
    cupsNotRunning: '此电脑上的打印服务（CUPS）未运行：请启动后重新打印',
    cupsServerDown: '打印服务器 {server} 没有响应：请确认该服务器上的 CUPS 正在运行，然后重新打印',
    cupsMissing: '此电脑未安装打印命令“{command}”：请安装 CUPS 后打印',
    cupsNoSuchPrinter: '打印服务中没有打印机“{printer}”：请将其添加到 CUPS，或选择其他打印机',
    refused: '打印机拒绝了此单据（{detail}）',
    lpFailed: '打印机“{printer}”未接收此单据：{detail}',
  },
};

registerMessages(printingMessages, printingTranslations);
