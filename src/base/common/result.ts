import type { Reason, Said } from './messages.ts';

/** What every API call returns: a value, or an error a form can show field by field. */
export type ErrorCode =
  | 'invalid'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'illegal_transition'
  | 'internal';

export interface ApiError {
  /** The kind of failure, for programs (and the HTTP status). */
  code: ErrorCode;
  /** In English, for integrators and logs; people read `reason`, worded in their language. */
  message: string;
  /** What happened: a stable message code and its values (e.g. `receiving.serialMismatch`). */
  reason: Reason;
  /** Field path (dot-joined, as react-hook-form names fields) → English message for that field. */
  fields?: Record<string, string>;
  /** Field path → that field's message code and values. */
  fieldReasons?: Record<string, Reason>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

const reasonOf = ({ code, params }: Said): Reason => ({ code, params });

/** Builds the API's error from what was said, at the top and per field. */
export function apiError(code: ErrorCode, said: Said, fields?: Record<string, Said>): ApiError {
  const error: ApiError = { code, message: said.text, reason: reasonOf(said) };
  if (fields && Object.keys(fields).length > 0) {
    error.fields = Object.fromEntries(Object.entries(fields).map(([path, s]) => [path, s.text]));
    error.fieldReasons = Object.fromEntries(Object.entries(fields).map(([path, s]) => [path, reasonOf(s)]));
  }
  return error;
}

/** Thrown inside core services; the dispatcher turns it into `{ ok: false, error }`. */
export class DepotError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly said: Said,
    readonly fieldsSaid?: Record<string, Said>,
  ) {
    super(said.text);
    this.name = 'DepotError';
  }

  /** The English message of each field, as the API sends it. */
  get fields(): Record<string, string> | undefined {
    return this.fieldsSaid && Object.fromEntries(Object.entries(this.fieldsSaid).map(([path, s]) => [path, s.text]));
  }

  toApiError(): ApiError {
    return apiError(this.code, this.said, this.fieldsSaid);
  }
}

/** Bad input at one field: the form shows the message there. */
export const fieldError = (field: string, said: Said): DepotError => new DepotError('invalid', said, { [field]: said });
