import type { Role, UserInfo } from '../../../base/common/identity.ts';

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

/** Someone working at a station: one line per person and station, however many windows they have open there. */
export interface PresentUser {
  userId: number;
  name: string;
  role: Role;
  /** Where the window runs, as the server names stations ("browser <host> <address>", "machine <host>"). */
  station: string;
  /** When their first window there signed in (ISO). */
  signedInAt: string;
  /** When they last used any of them (ISO). */
  lastSeen: string;
}
