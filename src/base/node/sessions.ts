import crypto from 'node:crypto';
import type { UserInfo } from '../common/identity.ts';

const IDLE_LIMIT_MS = 12 * 60 * 60 * 1000;

/** Signed-in sessions of this process: random tokens, dropped after 12 idle hours. */
export class Sessions {
  private readonly byToken = new Map<string, { user: UserInfo; lastSeen: number }>();

  open(user: UserInfo): string {
    const token = crypto.randomBytes(24).toString('base64url');
    this.byToken.set(token, { user, lastSeen: Date.now() });
    return token;
  }

  lookup(token: string | null): UserInfo | null {
    if (!token) return null;
    const entry = this.byToken.get(token);
    if (!entry) return null;
    if (Date.now() - entry.lastSeen > IDLE_LIMIT_MS) {
      this.byToken.delete(token);
      return null;
    }
    entry.lastSeen = Date.now();
    return entry.user;
  }

  close(token: string): void {
    this.byToken.delete(token);
  }

  /** Ends every session of one user (disabled, their PIN reset, their role changed). */
  closeAllOf(userId: number): void {
    for (const [token, entry] of this.byToken) if (entry.user.id === userId) this.byToken.delete(token);
  }

  /** Open sessions show the user as they are now (renamed). */
  refresh(user: UserInfo): void {
    for (const entry of this.byToken.values()) if (entry.user.id === user.id) entry.user = user;
  }
}
