import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { portalSyncMessages } from '../common/index.ts';

export const portalSyncTranslations: Translations<typeof portalSyncMessages> = {
  ko: {
    urlRequired: '포털 주소를 입력하세요',
    urlTooLong: '포털 주소는 최대 500자입니다',
    urlFormat: '포털 API 주소를 입력하세요. 예: https://portal.example.com/api/v1',
    tokenTooLong: '토큰은 최대 1000자입니다',
    tokenChars: '토큰에는 공백이나 특수 문자가 들어갈 수 없습니다',
    chooseEntry: '항목을 선택하세요',
    urlFixed: '이 Depot은 고정된 포털 주소로 시작되었습니다(--portal-url 또는 DEPOT_PORTAL_URL).',
    noSyncForToken: '이 Depot에서는 포털 동기화가 실행되지 않으므로 여기에 토큰을 저장할 수 없습니다.',
    urlFirst: '먼저 포털 주소를 입력하세요',
    saveUrlFirst: '먼저 새 주소를 저장하거나, 테스트에 쓸 토큰을 입력하세요',
    tokenFirst: '먼저 API 토큰을 입력하세요',
    tokenFileShared: '다른 사용자가 포털 토큰 파일을 읽을 수 있습니다: {file}. 파일을 비공개로 바꾸세요(chmod 600 {file}).',
    tokenFileOwner: '포털 토큰 파일의 소유자가 다른 사용자입니다: {file}.',
    tokenFromEnvOnly:
      '브라우저 모드와 depot 명령에서는 토큰을 이 페이지가 아니라 DEPOT_PORTAL_TOKEN 또는 비공개 토큰 파일(DEPOT_PORTAL_TOKEN_FILE)에서 가져옵니다.',
    keychainUnavailable: '포털 토큰을 복호화할 시스템 키체인을 사용할 수 없습니다.',
    noKeychain: '이 시스템에는 토큰을 안전하게 보관할 키체인이 없습니다. 대신 DEPOT_PORTAL_TOKEN 환경 변수를 지정해 Depot을 시작하세요.',
    noParked: '보류된 이벤트 {id}번이 없습니다',
    noFlag: '열린 플래그 {id}번이 없습니다',
    noDeadLetter: '거부된 업데이트 {id}번이 없습니다',
  },
  zh: {
    urlRequired: '请填写门户地址',
    urlTooLong: '门户地址最多 500 个字符',
    urlFormat: '请填写门户 API 地址，例如 https://portal.example.com/api/v1',
    tokenTooLong: '令牌最多 1000 个字符',
    tokenChars: '令牌不能包含空格或特殊字符',
    chooseEntry: '请选择一项',
    urlFixed: '此 Depot 启动时指定了固定的门户地址（--portal-url 或 DEPOT_PORTAL_URL）。',
    noSyncForToken: '此 Depot 未运行门户同步，无法在此保存令牌。',
    urlFirst: '请先填写门户地址',
    saveUrlFirst: '请先保存新地址，或提供用于测试的令牌',
    tokenFirst: '请先填写 API 令牌',
    tokenFileShared: '门户令牌文件 {file} 可被其他用户读取；请将其设为私有（chmod 600 {file}）。',
    tokenFileOwner: '门户令牌文件 {file} 属于其他用户。',
    tokenFromEnvOnly: '在浏览器模式和 depot 命令中，令牌来自 DEPOT_PORTAL_TOKEN 或私有令牌文件（DEPOT_PORTAL_TOKEN_FILE），而不是此页面。',
    keychainUnavailable: '系统钥匙串不可用，无法解密门户令牌。',
    noKeychain: '此系统没有可安全保存令牌的钥匙串；请改用 DEPOT_PORTAL_TOKEN 启动 Depot。',
    noParked: '没有搁置的事件 {id}',
    noFlag: '没有未处理的标记 {id}',
    noDeadLetter: '没有被拒的更新 {id}',
  },
};

registerMessages(portalSyncMessages, portalSyncTranslations);
