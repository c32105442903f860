import type { UserInfo } from '../../../base/common/identity.ts';

export interface SessionInfo {
  token: string;
  user: UserInfo;
}
