/**
 * Errors thrown by the credentials module. Verification never throws for a bad
 * credential (it reports checks); these are for callers who get the arguments
 * wrong, for keys and for the offline document loader.
 */
export type CredentialErrorCode =
  | 'UNKNOWN_DOCUMENT'
  | 'INVALID_MASTER_KEY'
  | 'SEALED_KEY_INVALID'
  | 'KEY_NOT_FOUND'
  | 'INVALID_KEY'
  | 'INVALID_ARGUMENT'
  | 'FETCH_FAILED';

export class CredentialError extends Error {
  constructor(
    readonly code: CredentialErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CredentialError';
  }
}
