import { and, eq, gt, lt } from 'drizzle-orm';
import { type DbOrTx, schema } from '../db/index.js';
import type { Clock } from '../core/clock.js';
import { listMembershipsOf } from './accounts.js';
import type { Actor } from './actor.js';
import { hashToken, newToken } from './tokens.js';

const { sessions, users } = schema;

export interface NewSession {
  /** Goes into the HttpOnly cookie; only its hash is stored. */
  token: string;
  /** Sent back by the browser in `x-csrf-token` on unsafe requests. */
  csrfToken: string;
  expiresAt: Date;
}

export async function createSession(db: DbOrTx, userId: string, ttlMs: number, clock: Clock): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(clock.now().getTime() + ttlMs);
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, csrfToken, expiresAt });
  // Opportunistic clean-up keeps the table small without a scheduler.
  await db.delete(sessions).where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, clock.now())));
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}

export interface SessionActor {
  actor: Extract<Actor, { type: 'user' }>;
  csrfToken: string;
}

/** The signed-in user behind a session cookie, or undefined when it is unknown or expired. */
export async function resolveSession(db: DbOrTx, token: string, clock: Clock): Promise<SessionActor | undefined> {
  const [row] = await db
    .select({ userId: sessions.userId, csrfToken: sessions.csrfToken, isLearner: users.isLearner })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), gt(sessions.expiresAt, clock.now())));
  if (!row) return undefined;
  return { actor: await userActor(db, row.userId, row.isLearner), csrfToken: row.csrfToken };
}

export async function userActor(db: DbOrTx, userId: string, isLearner: boolean): Promise<Extract<Actor, { type: 'user' }>> {
  const memberships = await listMembershipsOf(db, userId);
  return {
    type: 'user',
    userId,
    isLearner,
    platformAdmin: memberships.some((m) => m.orgKind === 'platform' && m.role === 'admin'),
    memberships,
  };
}
