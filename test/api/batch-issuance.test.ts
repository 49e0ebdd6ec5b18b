import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { libraryCanonize } from '../../src/credentials/canonize.js';
import { canonize, contextLoader, verify, type JsonObject } from '../../src/credentials/index.js';
import { schema } from '../../src/db/index.js';
import { encodeEntry, issuanceEntry } from '../../src/ledger/index.js';
import { bulkIssueHandler, createBulkIssueJob, issueCredential, issueCredentialsBatch, type IssuanceContext, type IssueRequest } from '../../src/issuance/index.js';
import { testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let ctx: IssuanceContext;
let orgId: string;
let achievementId: string;

beforeAll(async () => {
  t = await testApp({ demo: true });
  ctx = t.app.services.issuance;
  const [a] = await t.database.db.select().from(schema.achievements).where(eq(schema.achievements.status, 'published')).limit(1);
  orgId = a!.orgId;
  achievementId = a!.id;
});
afterAll(() => t?.close());

const request = (n: string, extra: Partial<IssueRequest> = {}): IssueRequest => ({
  orgId,
  achievementId,
  recipient: { name: `Zoë Ngũgĩ ${n}`, email: `batch.${n}@learners.example` },
  validFrom: new Date('2026-11-01T00:00:00Z'),
  idempotencyKey: `batch-test:${n}`,
  ...extra,
});

/** What the one-at-a-time path answers for a request it refuses. */
async function singleError(req: IssueRequest): Promise<string> {
  try {
    await issueCredential(ctx, req);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected issueCredential to refuse the request');
}

describe('when credentials are issued as one batch', () => {
  let refusedResult: IssueRequest;
  let refusedName: IssueRequest;
  let reqs: IssueRequest[];
  let outcomes: Awaited<ReturnType<typeof issueCredentialsBatch>>;

  beforeAll(async () => {
    refusedResult = request('bad-result', { result: 'no such grade 中文' });
    refusedName = request('no-name', { recipient: { name: ' ', email: 'nameless@learners.example' } });
    reqs = [request('a'), request('b'), request('a'), refusedResult, refusedName];
    outcomes = await issueCredentialsBatch(ctx, orgId, reqs);
  });

  it('issues each new key once, answers a repeated key with the same credential, and refuses bad rows with the single path’s reason', async () => {
    expect(outcomes[0]!.created).toBe(true);
    expect(outcomes[1]!.created).toBe(true);
    expect(outcomes[2]!.created).toBe(false);
    expect(outcomes[2]!.credential!.id).toBe(outcomes[0]!.credential!.id);
    expect(outcomes[3]!.error?.message).toBe(await singleError(refusedResult));
    expect(outcomes[4]!.error?.message).toBe(await singleError(refusedName));
  });

  it('gives each credential its own status slot and log entry, and every credential verifies', async () => {
    const rows = [outcomes[0]!.credential!, outcomes[1]!.credential!];
    expect(new Set(rows.map((r) => `${r.statusListId}#${r.statusIndex}`)).size).toBe(2);
    const logged = [...(await t.database.db.select().from(schema.ledgerPending)), ...(await t.database.db.select().from(schema.ledgerEntries))];
    const entries = new Set(logged.map((p) => Buffer.from(p.entry as Uint8Array).toString('hex')));
    for (const row of rows) {
      const doc = row.document as { id: string; issuer: { id: string } };
      const expected = encodeEntry(issuanceEntry({ credentialId: doc.id, credentialHash: Buffer.from(row.contentHash, 'hex'), issuer: doc.issuer.id, time: row.issuedAt }));
      expect(entries.has(Buffer.from(expected).toString('hex')), `log entry of ${doc.id}`).toBe(true);
    }
    for (const row of rows) {
      const r = await verify(row.document as JsonObject, { resolver: t.app.services.resolver, now: new Date('2026-12-01T00:00:00Z') });
      expect(r.checks.find((c) => c.id === 'proof'), JSON.stringify(r.checks)).toMatchObject({ ok: true });
      expect((row.document as { credentialSubject: { name: string } }).credentialSubject.name).toMatch(/^Zoë Ngũgĩ /);
      // What was signed, canonicalised by the fast path, is byte for byte what jsonld.js + rdf-canonize give.
      const { proof, ...unsecured } = row.document as JsonObject;
      const { proofValue: _v, ...config } = proof as JsonObject;
      for (const doc of [unsecured, { '@context': unsecured['@context'], ...config }, row.document]) {
        expect(await canonize(doc, contextLoader)).toBe(await libraryCanonize(doc, contextLoader));
      }
    }
  });

  it('issues nothing new when the same batch comes again, and the single path finds the batch’s credentials', async () => {
    const again = await issueCredentialsBatch(ctx, orgId, reqs.slice(0, 3));
    expect(again.map((o) => o.created)).toEqual([false, false, false]);
    expect(again[1]!.credential!.id).toBe(outcomes[1]!.credential!.id);
    const single = await issueCredential(ctx, request('b'));
    expect(single).toMatchObject({ created: false, credential: { id: outcomes[1]!.credential!.id } });
  });

  it('rolls every credential of the batch back when the caller’s bookkeeping fails inside the transaction', async () => {
    const keys = ['batch-test:r1', 'batch-test:r2'];
    await expect(
      issueCredentialsBatch(ctx, orgId, [request('r1'), request('r2')], async () => {
        throw new Error('bookkeeping failed');
      }),
    ).rejects.toThrow('bookkeeping failed');
    const left = await t.database.db.select().from(schema.credentials).where(and(eq(schema.credentials.orgId, orgId), inArray(schema.credentials.idempotencyKey, keys)));
    expect(left).toEqual([]);
  });
});

describe('when another request issues one of a chunk’s keys while the chunk is being issued', () => {
  it('redoes the chunk row by row: the row gets the other request’s credential, the rest are issued once', async () => {
    const csv = ['name,email,issue_date,idempotency_key', 'Åsa Lindqvist,asa@learners.example,2026-11-03,race-1', 'Ôscar Peña,oscar@learners.example,2026-11-03,race-2'].join('\n');
    const job = await createBulkIssueJob(t.database.db, { orgId, csv, achievementId });
    let raced: string | undefined;
    // The rival issues race-1 after the batch has looked its keys up and before it inserts.
    const keys = {
      ...ctx.keys,
      getSigner: async (issuer: string) => {
        if (!raced) {
          raced = 'pending';
          const rival = await issueCredential(ctx, request('rival', { recipient: { name: 'Åsa Lindqvist', email: 'asa@learners.example' }, idempotencyKey: 'race-1' }));
          raced = rival.credential.id;
        }
        return ctx.keys.getSigner(issuer);
      },
    };
    await bulkIssueHandler({ ...ctx, keys })({ job, progress: async () => {} });
    const rows = await t.database.db.select().from(schema.issuanceRows).where(eq(schema.issuanceRows.jobId, job.id));
    expect(rows.map((r) => r.status)).toEqual(['issued', 'issued']);
    const first = rows.find((r) => r.rowNumber === 2)!;
    expect(first.credentialId).toBe(raced);
    const issued = await t.database.db.select().from(schema.credentials).where(and(eq(schema.credentials.orgId, orgId), inArray(schema.credentials.idempotencyKey, ['race-1', 'race-2'])));
    expect(issued).toHaveLength(2);
  });
});
