import { defineMessages } from '../../../base/common/messages.ts';

/** What signing in and managing users say. */
export const usersMessages = defineMessages('users', {
  chooseUser: 'Choose who you are',
  userExists: 'A user with this name exists',
  wrongPin: 'Wrong PIN',
  tryAgainSeconds: 'Too many wrong PINs. Try again in {seconds} seconds.',
  tryAgainMinutes: 'Too many wrong PINs. Try again in {minutes} minutes.',
  locked: 'Too many wrong PINs: this sign-in is locked. Ask an admin to unlock it in Settings.',
  noUser: 'No user {id}',
  notLocked: '{name} is not locked out',
  versionRequired: "The user's version is required",
  changed: '{name} was changed by another admin meanwhile; the list now shows the change, try again',
  lastAdmin: '{name} is the last active admin: make another user an admin first',
  alreadyDisabled: '{name} is already disabled',
  alreadyEnabled: '{name} can already sign in',
});
