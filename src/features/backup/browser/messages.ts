import { registerMessages, type Translations } from '../../../base/browser/messages.ts';
import { backupMessages } from '../common/index.ts';

export const backupTranslations: Translations<typeof backupMessages> = {
  ko: {
    everyHours: '백업 주기는 1시간에서 720시간 사이입니다',
    keep: '백업은 1개에서 100개까지 보관합니다',
    folderTooLong: '폴더 경로는 1000자 이하입니다',
    folderAbsolute: '/srv/depot-backups 또는 D:\\Backups처럼 전체 경로로 입력하세요',
    folderNotWritable: 'Depot이 {folder} 폴더에 쓸 수 없습니다',
  },
  zh: {
    everyHours: '备份间隔为 1 到 720 小时',
    keep: '保留 1 到 100 个备份',
    folderTooLong: '文件夹路径最多 1000 个字符',
    folderAbsolute: '请填写完整路径，如 /srv/depot-backups 或 D:\\Backups',
    folderNotWritable: 'Depot 无法写入 {folder}',
  },
};

registerMessages(backupMessages, backupTranslations);
