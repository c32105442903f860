import type { UserInfo } from '../../../base/common/identity.ts';

export interface SessionInfo {
  token: string;
  user: UserInfo;
}

/** A user on the admin's list. */
export interface UserEntry extends UserInfo {
  /** Too many wrong PINs in a row: no sign-in until an admin unlocks. */
  locked: boolean;
  /** False once an admin disabled the user: not on the sign-in list, no sign-in. */
  active: boolean;
  /** Rises with every change an admin makes; a change names the version it was made against. */
  version: number;
}
