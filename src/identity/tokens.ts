import { createHash, randomBytes } from 'node:crypto';

/** 256-bit random token, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are high-entropy, so a plain SHA-256 is a safe at-rest form (no need for a slow hash). */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const API_KEY_PREFIX = 'mck_';

export function newApiKey(): { secret: string; prefix: string } {
  const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { secret, prefix: secret.slice(0, API_KEY_PREFIX.length + 6) };
}
