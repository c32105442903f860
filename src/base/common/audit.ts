/**
 * What the admin's audit view sorts what people did into: sign-ins (with wrong PINs and lockouts),
 * work on cases, settings, users, and exports. Every call that changes something is recorded,
 * with who, when and from which station.
 */
export const auditKinds = ['sign_in', 'cases', 'settings', 'users', 'exports', 'other'] as const;
export type AuditKind = (typeof auditKinds)[number];

/** The sign-in side of the audit, as the users feature records it. */
export const signInEvents = ['signed_in', 'wrong_pin', 'throttled', 'locked', 'lockout'] as const;
