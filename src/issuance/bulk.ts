import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { AppError } from '../core/errors.js';
import { type Db, isUniqueViolation, schema, type Tx } from '../db/index.js';
import { enqueueJob, getJob, type Job, type JobHandler } from '../jobs/index.js';
import { type IssuanceContext, issueCredential, issueCredentialsBatch, type IssueRequest } from './issue.js';

const { issuanceRows, jobs } = schema;
export const BULK_ISSUE_JOB = 'bulk-issue';
const CHUNK = 200;

/** Column names accepted in an issuance CSV (header row, any order, case-insensitive). */
export const CSV_COLUMNS = {
  email: "The learner's email (or give did).",
  name: "The learner's name as it should appear on the credential (required).",
  did: "The learner's DID, instead of or besides the email.",
  achievement: 'Achievement id; may be left out when the upload names one achievement for every row.',
  issue_date: 'When the credential becomes valid (ISO 8601 date or date-time); today when empty.',
  valid_until: 'Expiry (ISO 8601); none when empty.',
  result: 'Grade or result, one of the achievement’s allowed values.',
  idempotency_key: 'Your own key for the row; re-uploading it never issues twice.',
} as const;

interface RowInput {
  email?: string;
  name: string;
  did?: string;
  achievementId: string;
  validFrom?: string;
  validUntil?: string;
  result?: string;
  idempotencyKey: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseDate(v: string | undefined, what: string): string | undefined {
  if (!v) return undefined;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v);
  if (Number.isNaN(d.getTime())) throw new Error(`${what} "${v}" is not an ISO 8601 date`);
  return d.toISOString();
}

/**
 * Reads an issuance CSV into rows ready to issue, and rows with the reason
 * they cannot be. Row numbers count the header as row 1, as spreadsheets do.
 */
export function parseIssuanceCsv(text: string, defaultAchievementId?: string): { rows: Array<{ row: number; input?: RowInput; error?: string }> } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (e) {
    throw new AppError('invalid_request', `The CSV cannot be read: ${(e as Error).message}`);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase().replace(/[\s-]+/g, '_'));
  const unknown = header.filter((h) => !(h in CSV_COLUMNS));
  if (!header.includes('name') || (!header.includes('email') && !header.includes('did'))) {
    throw new AppError('invalid_request', 'The CSV needs a header row with at least the columns name and email (or did).');
  }
  if (unknown.length) throw new AppError('invalid_request', `Unknown CSV columns: ${unknown.join(', ')}. Known: ${Object.keys(CSV_COLUMNS).join(', ')}.`);
  if (!header.includes('achievement') && !defaultAchievementId) {
    throw new AppError('invalid_request', 'Name the achievement: an achievement column, or one achievement for the whole upload.');
  }
  const rows = records.slice(1).map((cells, i) => {
    const row = i + 2;
    const get = (col: string) => {
      const at = header.indexOf(col);
      return at >= 0 && cells[at] ? cells[at] : undefined;
    };
    try {
      const name = get('name');
      const email = get('email')?.toLowerCase();
      const did = get('did');
      const achievementId = get('achievement') ?? defaultAchievementId!;
      if (!name) throw new Error('name is empty');
      if (!email && !did) throw new Error('give an email or a did');
      if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new Error(`"${email}" is not an email address`);
      if (!UUID.test(achievementId)) throw new Error(`"${achievementId}" is not an achievement id`);
      const validFrom = parseDate(get('issue_date'), 'issue_date');
      const validUntil = parseDate(get('valid_until'), 'valid_until');
      // Without a key of their own, the row's content is its key: uploading the same file twice issues nothing new.
      const idempotencyKey =
        get('idempotency_key') ??
        `csv:${createHash('sha256').update([achievementId, email ?? '', did ?? '', validFrom ?? ''].join('\u0000')).digest('hex').slice(0, 32)}`;
      return { row, input: { email, name, did, achievementId, validFrom, validUntil, result: get('result'), idempotencyKey } };
    } catch (e) {
      return { row, error: (e as Error).message };
    }
  });
  if (rows.length === 0) throw new AppError('invalid_request', 'The CSV has a header but no rows.');
  return { rows };
}

/** Stores the upload as a job with one row each, in one transaction; the same key returns the first job. */
export async function createBulkIssueJob(
  db: Db,
  input: { orgId: string; csv: string; achievementId?: string; createdBy?: string; idempotencyKey?: string },
): Promise<Job> {
  if (input.idempotencyKey) {
    const [existing] = await db
      .select()
      .from(jobs)
      .where(and(eq(jobs.orgId, input.orgId), eq(jobs.kind, BULK_ISSUE_JOB), sql`${jobs.payload}->>'idempotencyKey' = ${input.idempotencyKey}`));
    if (existing) return existing;
  }
  const { rows } = parseIssuanceCsv(input.csv, input.achievementId);
  return db.transaction(async (tx) => {
    const job = await enqueueJob(tx, {
      kind: BULK_ISSUE_JOB,
      orgId: input.orgId,
      createdBy: input.createdBy,
      payload: { idempotencyKey: input.idempotencyKey ?? null },
      total: rows.length,
    });
    for (let i = 0; i < rows.length; i += 500) {
      await tx.insert(issuanceRows).values(
        rows.slice(i, i + 500).map((r) => ({
          jobId: job.id,
          rowNumber: r.row,
          input: r.input ?? {},
          status: r.error ? ('failed' as const) : ('pending' as const),
          error: r.error ?? null,
        })),
      );
    }
    return job;
  });
}

/**
 * Issues the pending rows of a job in chunks, each chunk in one transaction
 * (`issueCredentialsBatch`): its credentials, their status slots and log
 * entries, and the rows' new state commit together or not at all. Every
 * credential carries its row's idempotency key, so a row still pending after
 * a crash — even one whose credential was issued some other way — is matched
 * to its credential on resume, never issued twice. Should a chunk meet a
 * concurrent issuance of one of its keys, that chunk is redone row by row.
 */
export function bulkIssueHandler(ctx: IssuanceContext): JobHandler {
  return async ({ job, progress }) => {
    const orgId = job.orgId!;
    for (;;) {
      const pending = await ctx.db
        .select()
        .from(issuanceRows)
        .where(and(eq(issuanceRows.jobId, job.id), eq(issuanceRows.status, 'pending')))
        .orderBy(asc(issuanceRows.rowNumber))
        .limit(CHUNK);
      if (pending.length === 0) break;
      const requests = pending.map((r) => requestOf(orgId, job.id, r.input as RowInput));
      try {
        await issueCredentialsBatch(ctx, orgId, requests, (tx, outcomes) =>
          recordRows(
            tx,
            job.id,
            pending.map((r, i) => ({ rowNumber: r.rowNumber, credentialId: outcomes[i]!.credential?.id ?? null, error: outcomes[i]!.error?.message ?? null })),
          ),
        );
      } catch (e) {
        if (!isUniqueViolation(e)) throw e; // an outage: let the job be retried, rows stay pending
        await issueRowByRow(ctx, job.id, pending.map((r, i) => ({ rowNumber: r.rowNumber, request: requests[i]! })));
      }
      const summary = await bulkJobSummary(ctx.db, job.id);
      await progress(summary.issued + summary.failed, summary.total);
    }
    const { issued, failed } = await bulkJobSummary(ctx.db, job.id);
    return { issued, failed };
  };
}

function requestOf(orgId: string, jobId: string, input: RowInput): IssueRequest {
  return {
    orgId,
    achievementId: input.achievementId,
    recipient: { name: input.name, email: input.email, did: input.did },
    validFrom: input.validFrom ? new Date(input.validFrom) : undefined,
    validUntil: input.validUntil ? new Date(input.validUntil) : undefined,
    result: input.result,
    idempotencyKey: input.idempotencyKey,
    jobId,
  };
}

/** A PostgreSQL array literal, one bound parameter whatever its length (NULL for null, strings quoted). */
function pgArray(values: Array<string | number | null>): string {
  const item = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`);
  return `{${values.map(item).join(',')}}`;
}

/** Each row issued (with its credential) or failed (with the reason), in one statement. */
async function recordRows(tx: Tx, jobId: string, rows: Array<{ rowNumber: number; credentialId: string | null; error: string | null }>): Promise<void> {
  await tx.execute(sql`
    update issuance_rows as r
    set status = case when v.credential_id is null then 'failed' else 'issued' end, credential_id = v.credential_id::uuid, error = v.error
    from unnest(${pgArray(rows.map((r) => r.rowNumber))}::int[], ${pgArray(rows.map((r) => r.credentialId))}::text[], ${pgArray(rows.map((r) => r.error))}::text[])
      as v(row_number, credential_id, error)
    where r.job_id = ${jobId} and r.row_number = v.row_number`);
}

/** The one-credential-per-transaction path, for a chunk that met a concurrent issuance of one of its keys. */
async function issueRowByRow(ctx: IssuanceContext, jobId: string, rows: Array<{ rowNumber: number; request: IssueRequest }>): Promise<void> {
  for (const { rowNumber, request } of rows) {
    try {
      const { credential } = await issueCredential(ctx, request);
      await ctx.db.update(issuanceRows).set({ status: 'issued', credentialId: credential.id }).where(and(eq(issuanceRows.jobId, jobId), eq(issuanceRows.rowNumber, rowNumber)));
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      await ctx.db.update(issuanceRows).set({ status: 'failed', error: e.message }).where(and(eq(issuanceRows.jobId, jobId), eq(issuanceRows.rowNumber, rowNumber)));
    }
  }
}

export async function bulkJobSummary(db: Db, jobId: string) {
  const counts = await db
    .select({ status: issuanceRows.status, n: sql<number>`count(*)::int` })
    .from(issuanceRows)
    .where(eq(issuanceRows.jobId, jobId))
    .groupBy(issuanceRows.status);
  const by = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  const issued = by.issued ?? 0;
  const failed = by.failed ?? 0;
  return { issued, failed, pending: by.pending ?? 0, total: issued + failed + (by.pending ?? 0) };
}

/** The job's state for the progress endpoint: counts, and each failed row with its reason. */
export async function bulkJobReport(db: Db, orgId: string, jobId: string) {
  const job = await getJob(db, jobId, orgId);
  if (job.kind !== BULK_ISSUE_JOB) throw new AppError('not_found', 'No such issuance job.');
  const summary = await bulkJobSummary(db, jobId);
  const errors = await db
    .select({ row: issuanceRows.rowNumber, reason: issuanceRows.error })
    .from(issuanceRows)
    .where(and(eq(issuanceRows.jobId, jobId), eq(issuanceRows.status, 'failed')))
    .orderBy(asc(issuanceRows.rowNumber));
  return { id: job.id, status: job.status, ...summary, errors: errors.map((e) => ({ row: e.row, reason: e.reason ?? '' })), createdAt: job.createdAt, finishedAt: job.finishedAt };
}
