import { defineMessages } from '../../../base/common/messages.ts';

/** What the site's settings say. */
export const settingsMessages = defineMessages('settings', {
  notSetUp: 'The site is not set up yet',
});
