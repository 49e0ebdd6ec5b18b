import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type DbOrTx, schema } from '../db/index.js';
import type { NameDisplay } from '../db/schema/wallet.js';
import type { LearnerRef } from '../identity/index.js';
import { ofLearner, type CredentialRow } from '../issuance/index.js';

const { credentials, credentialShares } = schema;

export type ShareRow = typeof credentialShares.$inferSelect;
export { NAME_DISPLAYS, type NameDisplay } from '../db/schema/wallet.js';

export type Learner = LearnerRef;

/** A share link is live until it is revoked or its expiry passes. */
export function shareState(s: Pick<ShareRow, 'revokedAt' | 'expiresAt'>, now: Date): 'active' | 'revoked' | 'expired' {
  if (s.revokedAt) return 'revoked';
  if (s.expiresAt && s.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/**
 * The learner's name as a share link shows it: in full, as initials
 * ("Ngũgĩ wa Kamau" → "N. W. K."), or not at all (null).
 */
export function displayName(name: string, mode: NameDisplay): string | null {
  if (mode === 'full') return name;
  if (mode === 'hidden') return null;
  const initials = name
    .split(/\s+/)
    .map((word) => /\p{L}/u.exec(word)?.[0])
    .filter((c): c is string => !!c)
    .map((c) => `${c.toLocaleUpperCase()}.`);
  return initials.length ? initials.join(' ') : null;
}

/**
 * One of the learner's credentials: issued to their account, or to their email
 * before they had one. Anything else is "not found", whether it exists or not.
 */
export async function learnerCredential(db: DbOrTx, learner: Learner, credentialId: string): Promise<CredentialRow> {
  const [c] = await db
    .select()
    .from(credentials)
    .where(and(eq(credentials.id, credentialId), ofLearner(learner)));
  if (!c) throw new AppError('not_found', 'No such credential in your wallet.');
  return c;
}

export async function createShare(
  db: DbOrTx,
  clock: Clock,
  learner: Learner,
  input: { credentialId: string; nameDisplay: NameDisplay; expiresAt?: Date | null },
): Promise<ShareRow> {
  await learnerCredential(db, learner, input.credentialId);
  if (input.expiresAt && input.expiresAt.getTime() <= clock.now().getTime()) {
    throw new AppError('invalid_request', 'The expiry must be in the future.', { errors: [{ path: 'body.expiresAt', message: 'Choose a date in the future.' }] });
  }
  const [row] = await db
    .insert(credentialShares)
    .values({
      token: randomBytes(16).toString('base64url'),
      credentialId: input.credentialId,
      learnerId: learner.id,
      nameDisplay: input.nameDisplay,
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  return row!;
}

/** The learner's share links, newest first; of one credential when `credentialId` is given. */
export async function listShares(db: DbOrTx, learner: Learner, credentialId?: string): Promise<ShareRow[]> {
  if (credentialId) await learnerCredential(db, learner, credentialId);
  return db
    .select()
    .from(credentialShares)
    .where(credentialId ? and(eq(credentialShares.learnerId, learner.id), eq(credentialShares.credentialId, credentialId)) : eq(credentialShares.learnerId, learner.id))
    .orderBy(desc(credentialShares.createdAt), desc(credentialShares.id));
}

/** Withdraws a share link for good; revoking it again changes nothing. */
export async function revokeShare(db: DbOrTx, clock: Clock, learner: Learner, shareId: string): Promise<ShareRow> {
  const [row] = await db
    .update(credentialShares)
    .set({ revokedAt: sql`coalesce(${credentialShares.revokedAt}, ${clock.now().toISOString()}::timestamptz)` })
    .where(and(eq(credentialShares.id, shareId), eq(credentialShares.learnerId, learner.id)))
    .returning();
  if (!row) throw new AppError('not_found', 'No such share link in your wallet.');
  return row;
}

/**
 * What an anonymous visitor of a share link may see: the share and its
 * credential. A withdrawn (revoked or expired) link answers 410, an unknown one 404.
 * Each successful visit is counted.
 */
export async function openShare(db: DbOrTx, clock: Clock, token: string): Promise<{ share: ShareRow; credential: CredentialRow }> {
  const now = clock.now();
  const [found] = await db
    .select({ share: credentialShares, credential: credentials })
    .from(credentialShares)
    .innerJoin(credentials, eq(credentials.id, credentialShares.credentialId))
    .where(eq(credentialShares.token, token));
  if (!found) throw new AppError('not_found', 'No such share link.');
  const state = shareState(found.share, now);
  if (state !== 'active') {
    throw new AppError('share_link_withdrawn', state === 'revoked' ? 'The person who shared this link has withdrawn it.' : 'This share link has expired.');
  }
  await db
    .update(credentialShares)
    .set({ viewCount: sql`${credentialShares.viewCount} + 1`, lastViewedAt: now })
    .where(eq(credentialShares.id, found.share.id));
  return { share: { ...found.share, viewCount: found.share.viewCount + 1, lastViewedAt: now }, credential: found.credential };
}
