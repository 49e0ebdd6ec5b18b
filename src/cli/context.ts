import { loadConfig } from '../core/config.js';
import { connectFromConfig, type Db } from '../db/index.js';
import { findUserByEmail, getUser } from '../identity/index.js';
import { UsageError } from './output.js';

/** Runs `fn` on the configured database (migrated), closing it afterwards. */
export async function withDb<T>(fn: (db: Db, config: ReturnType<typeof loadConfig>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await connectFromConfig(config);
  try {
    await database.migrate();
    return await fn(database.db, config);
  } finally {
    await database.close();
  }
}

/** A learner by account id or email. */
export async function findLearner(db: Db, ref: string): Promise<{ id: string; email: string }> {
  const user = /^[0-9a-f-]{36}$/i.test(ref) ? await getUser(db, ref).catch(() => undefined) : await findUserByEmail(db, ref);
  if (!user?.isLearner) throw new UsageError(`no learner ${ref}`);
  return { id: user.id, email: user.email.toLowerCase() };
}

/** A non-negative number option, or a usage error naming it. */
export function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes a non-negative number, not "${value}"`);
  return n;
}
