import { defineMessages } from '../../../base/common/messages.ts';

/** What the backups' settings and runs say. */
export const backupMessages = defineMessages('backup', {
  everyHours: 'Back up every 1 to 720 hours',
  keep: 'Keep 1 to 100 backups',
  folderTooLong: 'A folder path has at most 1000 characters',
  folderAbsolute: 'Give the folder as a full path, such as /srv/depot-backups or D:\\Backups',
  folderNotWritable: 'Depot cannot write into {folder}',
});
