import { and, desc, eq, or } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type DbOrTx, type Db, schema } from '../db/index.js';
import type { CredentialRow } from './issue.js';
import { appendEntries, statusEntry } from '../ledger/index.js';
import { setStatusBitFor } from './status.js';

const { credentials } = schema;

/** Suspension waits for a status method OB 3.0 verifiers share (docs/adr/0006-status-lists.md). */
export const STATUS_ACTIONS = ['revoke'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export type CredentialState = 'active' | 'suspended' | 'revoked';

export function stateOf(c: Pick<CredentialRow, 'revokedAt' | 'suspendedAt'>): CredentialState {
  return c.revokedAt ? 'revoked' : c.suspendedAt ? 'suspended' : 'active';
}

/** Revokes a credential for good: the row and its status-list bit change in one transaction. */
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
    if (c.revokedAt) throw new AppError('conflict', 'This credential is revoked; revocation is final.');
    const now = clock.now();
    await setStatusBitFor(tx, c.statusListId, c.statusIndex, 'revocation', true, clock);
    // Recorded in the transparency log in the same transaction: a revocation cannot be undone quietly.
    await appendEntries(tx, [statusEntry({ credentialId: (c.document as { id: string }).id, action: 'revoke', time: now })]);
    const [updated] = await tx
      .update(credentials)
      .set({ revokedAt: now, statusReason: input.reason ?? null })
      .where(eq(credentials.id, c.id))
      .returning();
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

/** A learner's credentials: issued to their account, or to their email before they had one. */
export async function listLearnerCredentials(db: DbOrTx, learner: { id: string; email: string }) {
  return db
    .select()
    .from(credentials)
    .where(or(eq(credentials.learnerId, learner.id), eq(credentials.recipientEmail, learner.email)))
    .orderBy(desc(credentials.issuedAt));
}
