import { z } from 'zod';

/** Who works in Depot. Every API method says which roles may call it. */
export const roles = ['warehouse', 'technician', 'clerk', 'admin'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

/** Who acts: a signed-in person's role, or the portal sync acting for the customer. */
export type Actor = Role | 'system';

export interface UserInfo {
  id: number;
  name: string;
  role: Role;
}

/** Who is acting: a signed-in user, or the portal sync acting for a customer. */
export type Caller = { kind: 'user'; user: UserInfo } | { kind: 'system' };
