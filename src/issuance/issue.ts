import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getAchievement } from '../achievements/index.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type Db, isUniqueViolation, schema, type Tx } from '../db/index.js';
import { findUserByEmail, getOrganisation } from '../identity/index.js';
import { buildOpenBadgeCredential, didWebForIssuer, type JsonObject, type KeyStore, signDataIntegrity, signJwt } from '../credentials/index.js';
import { jcs } from '../credentials/jcs.js';
import { appendEntries, issuanceEntry } from '../ledger/index.js';
import { toObAchievement } from './achievement-json.js';
import { allocateStatusIndex, credentialStatusEntry } from './status.js';

const { credentials } = schema;
export type CredentialRow = typeof credentials.$inferSelect;

export interface IssuanceContext {
  db: Db;
  publicUrl: string;
  keys: KeyStore;
  clock: Clock;
  /**
   * Called after a new credential's transaction has committed (never for an
   * idempotent repeat). Programmes use it to award stacked credentials; a
   * failure here is reported to `onAfterIssueError`, never to the issuer.
   */
  afterIssue?: (credential: CredentialRow) => Promise<void>;
  onAfterIssueError?: (error: unknown, credential: CredentialRow) => void;
}

export interface IssueRequest {
  orgId: string;
  achievementId: string;
  recipient: { name: string; email?: string; did?: string };
  /** When the credential becomes valid (the issue date); defaults to now. */
  validFrom?: Date;
  validUntil?: Date;
  /** A grade or result, matched to the achievement's first result description. */
  result?: string;
  idempotencyKey?: string;
  format?: 'di' | 'jwt';
  jobId?: string;
  /** OB 3.0 Evidence for the credential (`type` is added). */
  evidence?: JsonObject[];
}

export function credentialUrl(publicUrl: string, id: string): string {
  return `${publicUrl}/c/${id}`;
}

export function issuerDid(publicUrl: string, slug: string): string {
  return didWebForIssuer(publicUrl, slug);
}

/** SHA-256 of the JCS (RFC 8785) form of the signed credential: what the transparency log records. */
export function contentHash(signed: JsonObject | string): string {
  return createHash('sha256').update(typeof signed === 'string' ? signed : jcs(signed)).digest('hex');
}

function checkRecipient(r: IssueRequest['recipient']): void {
  const errors = [];
  if (!r.name?.trim()) errors.push({ path: 'recipient.name', message: 'Required.' });
  if (!r.email && !r.did) errors.push({ path: 'recipient', message: 'Give the learner’s email or DID.' });
  if (r.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(r.email)) errors.push({ path: 'recipient.email', message: 'Not an email address.' });
  if (r.did && !/^did:[a-z0-9]+:\S+$/.test(r.did)) errors.push({ path: 'recipient.did', message: 'Not a DID.' });
  if (errors.length) throw new AppError('invalid_request', 'The recipient is incomplete.', { errors });
}

/**
 * Issues one credential in one transaction: its status-list slot, the signed
 * document and its row (and, with the ledger, its log entry) are written
 * together or not at all. The same idempotency key returns the first result.
 */
export async function issueCredential(ctx: IssuanceContext, req: IssueRequest): Promise<{ credential: CredentialRow; created: boolean }> {
  checkRecipient(req.recipient);
  if (req.idempotencyKey) {
    const existing = await findByIdempotencyKey(ctx.db, req.orgId, req.idempotencyKey);
    if (existing) return { credential: existing, created: false };
  }
  const org = await getOrganisation(ctx.db, req.orgId);
  const achievement = await getAchievement(ctx.db, req.orgId, req.achievementId);
  if (achievement.status !== 'published') {
    throw new AppError('conflict', 'Only published achievements can be issued; publish it first.');
  }
  const issuer = issuerDid(ctx.publicUrl, org.slug);
  const signer = await ctx.keys.getSigner(issuer);
  const now = ctx.clock.now();
  const validFrom = req.validFrom ?? now;
  const email = req.recipient.email?.trim().toLowerCase();
  const learner = email ? await findUserByEmail(ctx.db, email) : undefined;
  const resultDescription = achievement.definition.resultDescriptions[0];
  if (req.result && !resultDescription) {
    throw new AppError('invalid_request', 'This achievement defines no result to record a grade against.', { errors: [{ path: 'result', message: 'Not expected.' }] });
  }
  if (req.result && resultDescription?.allowedValue && !resultDescription.allowedValue.includes(req.result)) {
    throw new AppError('invalid_request', `The result must be one of: ${resultDescription.allowedValue.join(', ')}.`, { errors: [{ path: 'result', message: 'Not an allowed value.' }] });
  }

  try {
    const row = await ctx.db.transaction(async (tx: Tx) => {
      const id = randomUUID();
      const { listId, index } = await allocateStatusIndex(tx, req.orgId);
      const obAchievement = toObAchievement(ctx.publicUrl, achievement);
      const unsigned = buildOpenBadgeCredential({
        id: credentialUrl(ctx.publicUrl, id),
        issuer: {
          id: issuer,
          name: org.name,
          url: `${ctx.publicUrl}/issuers/${org.slug}`,
          ...(org.country ? { address: { type: ['Address'], addressCountryCode: org.country } } : {}),
        },
        achievement: obAchievement,
        recipient: req.recipient.did ? { did: req.recipient.did } : { email: email! },
        validFrom,
        validUntil: req.validUntil,
        awardedDate: validFrom,
        result: req.result
          ? [{ type: ['Result'], resultDescription: `${obAchievement.id}#result-1`, value: req.result }]
          : undefined,
        evidence: req.evidence,
        credentialStatus: [credentialStatusEntry(ctx.publicUrl, listId, index)],
      });
      (unsigned.credentialSubject as JsonObject).name = req.recipient.name.trim().normalize('NFC');
      const document = await signDataIntegrity(unsigned, signer, { created: now });
      const jwt = req.format === 'jwt' ? await signJwt(unsigned, signer) : null;
      const [inserted] = await tx
        .insert(credentials)
        .values({
          id,
          orgId: req.orgId,
          achievementId: achievement.id,
          achievementVersion: achievement.version,
          learnerId: learner?.isLearner ? learner.id : null,
          recipientEmail: email ?? null,
          recipientDid: req.recipient.did ?? null,
          recipientName: req.recipient.name.trim().normalize('NFC'),
          statusListId: listId,
          statusIndex: index,
          idempotencyKey: req.idempotencyKey ?? null,
          format: req.format ?? 'di',
          document,
          jwt,
          contentHash: contentHash(jwt ?? document),
          jobId: req.jobId ?? null,
          issuedAt: now,
          validUntil: req.validUntil ?? null,
        })
        .returning();
      // The log entry commits with the credential or not at all: no credential without its leaf.
      await appendEntries(tx, [
        issuanceEntry({ credentialId: document.id as string, credentialHash: Buffer.from(inserted!.contentHash, 'hex'), issuer, time: now }),
      ]);
      return inserted!;
    });
    if (ctx.afterIssue) {
      await ctx.afterIssue(row).catch((e) => ctx.onAfterIssueError?.(e, row));
    }
    return { credential: row, created: true };
  } catch (e) {
    // A concurrent request with the same key won the race: answer with its credential.
    if (req.idempotencyKey && isUniqueViolation(e)) {
      const existing = await findByIdempotencyKey(ctx.db, req.orgId, req.idempotencyKey);
      if (existing) return { credential: existing, created: false };
    }
    throw e;
  }
}

async function findByIdempotencyKey(db: Db | Tx, orgId: string, key: string): Promise<CredentialRow | undefined> {
  const [row] = await db.select().from(credentials).where(and(eq(credentials.orgId, orgId), eq(credentials.idempotencyKey, key)));
  return row;
}
