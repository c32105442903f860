import { defineMessages } from '../../../base/common/messages.ts';

/** What the first run says. */
export const setupMessages = defineMessages('setup', {
  alreadySetUp: 'This depot is already set up',
});
