import { defineMessages } from '../../../base/common/messages.ts';

/** What signing in and adding users say. */
export const usersMessages = defineMessages('users', {
  chooseUser: 'Choose who you are',
  userExists: 'A user with this name exists',
  wrongPin: 'Wrong PIN',
});
