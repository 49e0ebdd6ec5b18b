import { and, desc, eq, gt, isNull, or, type SQL } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type DbOrTx, type Db, schema } from '../db/index.js';
import type { CredentialRow } from './issue.js';
import { appendEntries, statusEntry } from '../ledger/index.js';
import { canBeSuspended, setStatusBitFor } from './status.js';

const { credentials } = schema;

/** What a provider can do to an issued credential's status (docs/adr/0006-status-lists.md). */
export const STATUS_ACTIONS = ['revoke', 'suspend', 'reinstate'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export type CredentialState = 'active' | 'suspended' | 'revoked';

export function stateOf(c: Pick<CredentialRow, 'revokedAt' | 'suspendedAt'>): CredentialState {
  return c.revokedAt ? 'revoked' : c.suspendedAt ? 'suspended' : 'active';
}

/**
 * Revokes (for good), suspends or reinstates a credential. The row, its
 * status-list bit and the transparency-log entry change in one transaction,
 * so the served list is re-signed from the new bits and the log cannot miss
 * a change. Revocation is final: a revoked credential is neither suspended
 * nor reinstated.
 */
export async function changeCredentialStatus(
  db: Db,
  clock: Clock,
  input: { orgId: string; credentialId: string; action: StatusAction; reason?: string },
): Promise<CredentialRow> {
  return db.transaction(async (tx) => {
    const [c] = await tx
      .select()
      .from(credentials)
      .where(and(eq(credentials.id, input.credentialId), eq(credentials.orgId, input.orgId)))
      .for('update');
    if (!c) throw new AppError('not_found', 'No such credential in this organisation.');
    if (c.revokedAt) throw new AppError('credential_revoked', `This credential was revoked on ${c.revokedAt.toISOString().slice(0, 10)}; revocation is final.`);
    const state = stateOf(c);
    if (input.action === 'suspend' && state === 'suspended') throw new AppError('credential_status_unchanged', 'This credential is already suspended.');
    if (input.action === 'reinstate' && state !== 'suspended') throw new AppError('credential_status_unchanged', 'Only a suspended credential can be reinstated; this one is active.');
    if (input.action === 'suspend' && !canBeSuspended(c.document)) {
      throw new AppError('suspension_unsupported', 'This credential was issued with a revocation-only status entry, so verifiers could not see a suspension; revoke it instead, or issue it again.');
    }
    const now = clock.now();
    if (input.action === 'revoke') await setStatusBitFor(tx, c.statusListId, c.statusIndex, 'revocation', true, clock);
    else await setStatusBitFor(tx, c.statusListId, c.statusIndex, 'suspension', input.action === 'suspend', clock);
    // Recorded in the transparency log in the same transaction: a status change cannot be made quietly.
    await appendEntries(tx, [statusEntry({ credentialId: (c.document as { id: string }).id, action: input.action, time: now })]);
    const reason = input.reason ?? null;
    const change =
      input.action === 'revoke'
        ? { revokedAt: now, statusReason: reason }
        : input.action === 'suspend'
          ? { suspendedAt: now, statusReason: reason }
          : { suspendedAt: null, statusReason: reason };
    const [updated] = await tx.update(credentials).set(change).where(eq(credentials.id, c.id)).returning();
    return updated!;
  });
}

export async function getCredential(db: DbOrTx, id: string, orgId?: string): Promise<CredentialRow> {
  const [c] = await db
    .select()
    .from(credentials)
    .where(orgId ? and(eq(credentials.id, id), eq(credentials.orgId, orgId)) : eq(credentials.id, id));
  if (!c) throw new AppError('not_found', 'No such credential.');
  return c;
}

export async function listIssuedCredentials(db: DbOrTx, orgId: string, opts: { limit?: number; offset?: number; achievementId?: string } = {}) {
  return db
    .select()
    .from(credentials)
    .where(opts.achievementId ? and(eq(credentials.orgId, orgId), eq(credentials.achievementId, opts.achievementId)) : eq(credentials.orgId, orgId))
    .orderBy(desc(credentials.issuedAt))
    .limit(opts.limit ?? 100)
    .offset(opts.offset ?? 0);
}

/** SQL condition: a credential of this learner, issued to their account or to their email before they had one. */
export function ofLearner(learner: { id: string; email: string }): SQL {
  return or(eq(credentials.learnerId, learner.id), eq(credentials.recipientEmail, learner.email))!;
}

/** SQL condition: a credential that counts at `now` — not revoked, not suspended, not expired. */
export function validAt(now: Date): SQL {
  return and(isNull(credentials.revokedAt), isNull(credentials.suspendedAt), or(isNull(credentials.validUntil), gt(credentials.validUntil, now)))!;
}

/** A learner's credentials, newest first. */
export async function listLearnerCredentials(db: DbOrTx, learner: { id: string; email: string }) {
  return db.select().from(credentials).where(ofLearner(learner)).orderBy(desc(credentials.issuedAt));
}
