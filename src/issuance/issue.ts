import { createHash, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { getAchievement } from '../achievements/index.js';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type Db, isUniqueViolation, schema, type Tx } from '../db/index.js';
import { findUserByEmail, getOrganisation, normaliseEmail } from '../identity/index.js';
import { buildOpenBadgeCredential, didWebForIssuer, type JsonObject, type KeyStore, type Signer, signDataIntegrity, signJwt } from '../credentials/index.js';
import { jcs } from '../credentials/jcs.js';
import { appendEntries, issuanceEntry } from '../ledger/index.js';
import { toObAchievement } from './achievement-json.js';
import { allocateStatusIndex, allocateStatusIndexes, credentialStatusEntry } from './status.js';

const { credentials, users } = schema;
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
  /** The same for the credentials of one batch at once (`issueCredentialsBatch`); when absent, `afterIssue` runs for each. */
  afterIssueBatch?: (credentials: CredentialRow[]) => Promise<void>;
  onAfterIssueError?: (error: unknown, credential: CredentialRow) => void;
  /** When given, time spent signing and appending to the log is added here (the bulk benchmark's stage split). */
  timings?: IssuanceTimings;
}

export interface IssuanceTimings {
  signMs: number;
  ledgerMs: number;
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

type Organisation = Awaited<ReturnType<typeof getOrganisation>>;
type Achievement = Awaited<ReturnType<typeof getAchievement>>;
type Learner = Awaited<ReturnType<typeof findUserByEmail>>;

function checkResult(achievement: Achievement, result: string | undefined): void {
  const resultDescription = achievement.definition.resultDescriptions[0];
  if (result && !resultDescription) {
    throw new AppError('invalid_request', 'This achievement defines no result to record a grade against.', { errors: [{ path: 'result', message: 'Not expected.' }] });
  }
  if (result && resultDescription?.allowedValue && !resultDescription.allowedValue.includes(result)) {
    throw new AppError('invalid_request', `The result must be one of: ${resultDescription.allowedValue.join(', ')}.`, { errors: [{ path: 'result', message: 'Not an allowed value.' }] });
  }
}

/** Builds and signs one credential and the row that stores it (one slot of a status list already taken). */
async function signedCredential(
  ctx: IssuanceContext,
  a: { org: Organisation; achievement: Achievement; issuer: string; signer: Signer; now: Date; req: IssueRequest; email?: string; learner: Learner; listId: string; index: number },
): Promise<{ values: typeof credentials.$inferInsert; document: JsonObject }> {
  const { org, achievement, issuer, req, now } = a;
  const id = randomUUID();
  const validFrom = req.validFrom ?? now;
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
    recipient: req.recipient.did ? { did: req.recipient.did } : { email: a.email! },
    validFrom,
    validUntil: req.validUntil,
    awardedDate: validFrom,
    result: req.result ? [{ type: ['Result'], resultDescription: `${obAchievement.id}#result-1`, value: req.result }] : undefined,
    evidence: req.evidence,
    credentialStatus: [credentialStatusEntry(ctx.publicUrl, a.listId, a.index)],
  });
  (unsigned.credentialSubject as JsonObject).name = req.recipient.name.trim().normalize('NFC');
  const signStart = performance.now();
  const document = await signDataIntegrity(unsigned, a.signer, { created: now });
  const jwt = req.format === 'jwt' ? await signJwt(unsigned, a.signer) : null;
  if (ctx.timings) ctx.timings.signMs += performance.now() - signStart;
  const values = {
    id,
    orgId: req.orgId,
    achievementId: achievement.id,
    achievementVersion: achievement.version,
    learnerId: a.learner?.isLearner ? a.learner.id : null,
    recipientEmail: a.email ?? null,
    recipientDid: req.recipient.did ?? null,
    recipientName: req.recipient.name.trim().normalize('NFC'),
    statusListId: a.listId,
    statusIndex: a.index,
    idempotencyKey: req.idempotencyKey ?? null,
    format: req.format ?? ('di' as const),
    document,
    jwt,
    contentHash: contentHash(jwt ?? document),
    jobId: req.jobId ?? null,
    issuedAt: now,
    validUntil: req.validUntil ?? null,
  };
  return { values, document };
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
  const email = req.recipient.email?.trim().toLowerCase();
  const learner = email ? await findUserByEmail(ctx.db, email) : undefined;
  checkResult(achievement, req.result);

  try {
    const row = await ctx.db.transaction(async (tx: Tx) => {
      const { listId, index } = await allocateStatusIndex(tx, req.orgId);
      const { values, document } = await signedCredential(ctx, { org, achievement, issuer, signer, now, req, email, learner, listId, index });
      const [inserted] = await tx.insert(credentials).values(values).returning();
      // The log entry commits with the credential or not at all: no credential without its leaf.
      const ledgerStart = performance.now();
      await appendEntries(tx, [
        issuanceEntry({ credentialId: document.id as string, credentialHash: Buffer.from(inserted!.contentHash, 'hex'), issuer, time: now }),
      ]);
      if (ctx.timings) ctx.timings.ledgerMs += performance.now() - ledgerStart;
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

/** One outcome of a batch: the credential (new or found by its key), or why the request was refused. */
export type BatchOutcome = { credential: CredentialRow; created: boolean; error?: undefined } | { credential?: undefined; created?: undefined; error: AppError };

/**
 * Issues many credentials of one organisation in one transaction, with the
 * same checks, documents and idempotency as `issueCredential` but a handful
 * of queries for the lot: keys already used are answered with their
 * credential, status indexes are allocated together, credentials inserted
 * together and their log entries appended together. A request the checks
 * refuse gets its error (the same `AppError` `issueCredential` would throw);
 * anything else — an outage, a concurrent request taking a key — rolls the
 * whole batch back and is thrown. `record` runs inside the transaction with
 * the outcomes, so a caller's own bookkeeping commits with the credentials.
 */
export async function issueCredentialsBatch(
  ctx: IssuanceContext,
  orgId: string,
  reqs: readonly IssueRequest[],
  record?: (tx: Tx, outcomes: BatchOutcome[]) => Promise<void>,
): Promise<BatchOutcome[]> {
  const outcomes: Array<BatchOutcome | undefined> = new Array(reqs.length);
  const refuse = (i: number, e: unknown) => {
    if (!(e instanceof AppError)) throw e;
    outcomes[i] = { error: e };
  };
  for (const [i, req] of reqs.entries()) {
    if (req.orgId !== orgId) throw new Error('a batch issues for one organisation');
    try {
      checkRecipient(req.recipient);
    } catch (e) {
      refuse(i, e);
    }
  }
  const keys = [...new Set(reqs.flatMap((r, i) => (outcomes[i] === undefined && r.idempotencyKey ? [r.idempotencyKey] : [])))];
  const existing = new Map<string, CredentialRow>();
  for (let k = 0; k < keys.length; k += 1000) {
    const found = await ctx.db
      .select()
      .from(credentials)
      .where(and(eq(credentials.orgId, orgId), inArray(credentials.idempotencyKey, keys.slice(k, k + 1000))));
    for (const row of found) existing.set(row.idempotencyKey!, row);
  }
  for (const [i, req] of reqs.entries()) {
    const row = req.idempotencyKey ? existing.get(req.idempotencyKey) : undefined;
    if (outcomes[i] === undefined && row) outcomes[i] = { credential: row, created: false };
  }
  const org = await getOrganisation(ctx.db, orgId);
  const issuer = issuerDid(ctx.publicUrl, org.slug);
  const achievementsById = new Map<string, Achievement | AppError>();
  for (const [i, req] of reqs.entries()) {
    if (outcomes[i] !== undefined) continue;
    let a = achievementsById.get(req.achievementId);
    if (a === undefined) {
      try {
        a = await getAchievement(ctx.db, orgId, req.achievementId);
        if (a.status !== 'published') throw new AppError('conflict', 'Only published achievements can be issued; publish it first.');
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        a = e;
      }
      achievementsById.set(req.achievementId, a);
    }
    if (a instanceof AppError) outcomes[i] = { error: a };
    else {
      try {
        checkResult(a, req.result);
      } catch (e) {
        refuse(i, e);
      }
    }
  }
  // Two rows with one key: the first issues, the others are answered with its credential.
  const firstWithKey = new Map<string, number>();
  const toIssue: number[] = [];
  for (const [i, req] of reqs.entries()) {
    if (outcomes[i] !== undefined) continue;
    if (req.idempotencyKey && firstWithKey.has(req.idempotencyKey)) continue;
    if (req.idempotencyKey) firstWithKey.set(req.idempotencyKey, i);
    toIssue.push(i);
  }
  const emailOf = (req: IssueRequest) => req.recipient.email?.trim().toLowerCase();
  const emails = [...new Set(toIssue.flatMap((i) => emailOf(reqs[i]!) ?? []))];
  const learners = new Map<string, NonNullable<Learner>>();
  for (let k = 0; k < emails.length; k += 1000) {
    const found = await ctx.db
      .select()
      .from(users)
      .where(inArray(users.email, emails.slice(k, k + 1000).map(normaliseEmail)));
    for (const u of found) learners.set(u.email, u as unknown as NonNullable<Learner>);
  }
  const signer = toIssue.length ? await ctx.keys.getSigner(issuer) : undefined;
  const now = ctx.clock.now();

  const created = await ctx.db.transaction(async (tx: Tx) => {
    const slots = toIssue.length ? await allocateStatusIndexes(tx, orgId, toIssue.length) : [];
    const prepared = [];
    for (const [n, i] of toIssue.entries()) {
      const req = reqs[i]!;
      const email = emailOf(req);
      const learner = email ? learners.get(normaliseEmail(email)) : undefined;
      const achievement = achievementsById.get(req.achievementId) as Achievement;
      prepared.push(await signedCredential(ctx, { org, achievement, issuer, signer: signer!, now, req, email, learner, listId: slots[n]!.listId, index: slots[n]!.index }));
    }
    const rows: CredentialRow[] = [];
    for (let k = 0; k < prepared.length; k += 500) {
      rows.push(...(await tx.insert(credentials).values(prepared.slice(k, k + 500).map((p) => p.values)).returning()));
    }
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ledgerStart = performance.now();
    // The log entries commit with the credentials or not at all: no credential without its leaf.
    await appendEntries(
      tx,
      prepared.map((p) => issuanceEntry({ credentialId: p.document.id as string, credentialHash: Buffer.from(byId.get(p.values.id!)!.contentHash, 'hex'), issuer, time: now })),
    );
    if (ctx.timings) ctx.timings.ledgerMs += performance.now() - ledgerStart;
    const issued = prepared.map((p) => byId.get(p.values.id!)!);
    for (const [n, i] of toIssue.entries()) outcomes[i] = { credential: issued[n]!, created: true };
    for (const [i, req] of reqs.entries()) {
      if (outcomes[i] === undefined) outcomes[i] = { credential: outcomes[firstWithKey.get(req.idempotencyKey!)!]!.credential!, created: false };
    }
    if (record) await record(tx, outcomes as BatchOutcome[]);
    return issued;
  });
  if (ctx.afterIssueBatch) await ctx.afterIssueBatch(created).catch((e) => created.forEach((row) => ctx.onAfterIssueError?.(e, row)));
  else if (ctx.afterIssue) {
    for (const row of created) await ctx.afterIssue(row).catch((e) => ctx.onAfterIssueError?.(e, row));
  }
  return outcomes as BatchOutcome[];
}

async function findByIdempotencyKey(db: Db | Tx, orgId: string, key: string): Promise<CredentialRow | undefined> {
  const [row] = await db.select().from(credentials).where(and(eq(credentials.orgId, orgId), eq(credentials.idempotencyKey, key)));
  return row;
}
