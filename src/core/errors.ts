/**
 * The one registry of error codes. Domain code throws `AppError` with a code
 * from here; the HTTP layer maps the code to a status and renders RFC 9457
 * problem+json. `docs/ERRORS.md` lists every code and a test keeps them in step.
 */
export const ERRORS = {
  invalid_request: { status: 400, title: 'The request is not valid.' },
  malformed_json: { status: 400, title: 'The request body is not well-formed JSON.' },
  unauthenticated: { status: 401, title: 'Sign in, or send a valid API key.' },
  invalid_credentials: { status: 401, title: 'The email or password is not correct.' },
  csrf_failed: { status: 403, title: 'The request lacks a valid CSRF token.' },
  forbidden: { status: 403, title: 'You are not allowed to do this.' },
  not_found: { status: 404, title: 'Nothing was found here.' },
  method_not_allowed: { status: 405, title: 'This method is not allowed here.' },
  conflict: { status: 409, title: 'This conflicts with the current state.' },
  email_taken: { status: 409, title: 'An account with this email already exists.' },
  credential_not_shareable: { status: 409, title: 'Only a credential that verifies can be shared.' },
  credential_revoked: { status: 409, title: 'This credential is revoked; revocation is final, so it cannot be suspended or reinstated.' },
  credential_status_unchanged: { status: 409, title: 'The credential is already in that state (only an active credential is suspended, only a suspended one reinstated).' },
  suspension_unsupported: { status: 409, title: 'This credential was issued with a revocation-only status entry; it can be revoked but not suspended.' },
  share_link_withdrawn: { status: 410, title: 'This share link was withdrawn: its owner revoked it or it expired.' },
  payload_too_large: { status: 413, title: 'The request body is too large.' },
  unsupported_media_type: { status: 415, title: 'This content type is not supported.' },
  credential_not_verified: { status: 422, title: 'The credential did not verify.' },
  credential_not_yours: { status: 422, title: 'This credential is not about you.' },
  rate_limited: { status: 429, title: 'Too many requests: wait a moment and try again.' },
  internal_error: { status: 500, title: 'Something went wrong on our side.' },
  service_unavailable: { status: 503, title: 'The service is not ready.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** One field-level problem, as in the `errors` member of a problem document. */
export interface FieldError {
  /** JSON pointer-like dotted path into the request, e.g. `body.email`. */
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly errors?: FieldError[];

  constructor(code: ErrorCode, detail?: string, options?: { errors?: FieldError[]; cause?: unknown }) {
    super(detail ?? ERRORS[code].title, { cause: options?.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.errors = options?.errors;
  }

  get status(): number {
    return ERRORS[this.code].status;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
