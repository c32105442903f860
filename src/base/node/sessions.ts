import crypto from 'node:crypto';
import type { UserInfo } from '../common/identity.ts';

/**
 * Signed-in sessions of this process: random tokens, dropped once unused for longer than the
 * site's idle limit (a walk-away desk asks for the PIN again). Time is the core's clock.
 */
export class Sessions {
  private readonly byToken = new Map<string, { user: UserInfo; lastSeen: number }>();

  constructor(private readonly now: () => Date) {}

  open(user: UserInfo): string {
    const token = crypto.randomBytes(24).toString('base64url');
    this.byToken.set(token, { user, lastSeen: this.now().getTime() });
    return token;
  }

  /** The session's user, or null when it is unknown or was unused for longer than `idleLimitMs`. */
  lookup(token: string | null, idleLimitMs: number): UserInfo | null {
    if (!token) return null;
    const entry = this.byToken.get(token);
    if (!entry) return null;
    const now = this.now().getTime();
    if (now - entry.lastSeen > idleLimitMs) {
      this.byToken.delete(token);
      return null;
    }
    entry.lastSeen = now;
    return entry.user;
  }

  /**
   * The session's user, as `lookup`, without counting as use: listening to the change feed must
   * not keep a walked-away desk signed in.
   */
  peek(token: string | null, idleLimitMs: number): UserInfo | null {
    const entry = token ? this.byToken.get(token) : undefined;
    if (!entry || this.now().getTime() - entry.lastSeen > idleLimitMs) return null;
    return entry.user;
  }

  /** When the session was last used (not merely peeked at); null when it is unknown. */
  lastUsed(token: string): Date | null {
    const entry = this.byToken.get(token);
    return entry ? new Date(entry.lastSeen) : null;
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
