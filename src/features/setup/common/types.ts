import type { UserInfo } from '../../../base/common/identity.ts';

export interface SetupState {
  initialized: boolean;
  users: UserInfo[];
  siteName: string | null;
}
