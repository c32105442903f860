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
  code: ErrorCode;
  message: string;
  /** Field path (dot-joined, as react-hook-form names fields) → message for that field. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Thrown inside core services; the dispatcher turns it into `{ ok: false, error }`. */
export class DepotError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DepotError';
  }

  toApiError(): ApiError {
    return this.fields
      ? { code: this.code, message: this.message, fields: this.fields }
      : { code: this.code, message: this.message };
  }
}

export const fieldError = (field: string, message: string): DepotError =>
  new DepotError('invalid', message, { [field]: message });
