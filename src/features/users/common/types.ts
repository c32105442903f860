import type { UserInfo } from '../../../base/common/identity.ts';

export interface SessionInfo {
  token: string;
  user: UserInfo;
}

/** A user on the admin's list. */
export interface UserEntry extends UserInfo {
  /** Too many wrong PINs in a row: no sign-in until an admin unlocks. */
  locked: boolean;
}
