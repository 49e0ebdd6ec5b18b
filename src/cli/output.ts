import { AppError } from '../core/errors.js';
import { ConfigError } from '../core/config.js';

/** Exit codes shared by every command: 0 success, 1 the operation failed, 2 the command was used wrongly. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {}

/** Prints an error the way a person can act on it and returns the exit code. */
export function reportError(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`microcred: ${e.message}\n`);
    return EXIT.usage;
  }
  if (e instanceof ConfigError) {
    process.stderr.write(`microcred: ${e.message}\n`);
    return EXIT.usage;
  }
  if (e instanceof AppError) {
    const fields = e.errors?.map((f) => `\n  ${f.path.replace(/^body\./, '')}: ${f.message}`).join('') ?? '';
    process.stderr.write(`microcred: ${e.message} [${e.code}]${fields}\n`);
    return e.code === 'invalid_request' ? EXIT.usage : EXIT.failed;
  }
  const err = e as NodeJS.ErrnoException & { severity?: string };
  const network = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH'];
  // PostgreSQL server errors carry a severity and a five-character SQLSTATE (e.g. 3D000: no such database).
  const fromServer = typeof err?.severity === 'string' && typeof err.code === 'string' && err.code.length === 5;
  if ((err?.code && network.includes(err.code)) || fromServer) {
    process.stderr.write(`microcred: cannot reach the database (${err.message}). Is PostgreSQL running and DATABASE_URL right?\n`);
    return EXIT.failed;
  }
  process.stderr.write(`microcred: ${err?.stack ?? String(e)}\n`);
  return EXIT.failed;
}
