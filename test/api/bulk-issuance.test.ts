import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db/index.js';
import { signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

let t: TestApp;
let provider: Session;
let orgId: string;
let achievementId: string;

beforeAll(async () => {
  t = await testApp({ demo: true });
  provider = await signIn(t.app, 'assessor@northbridge.example');
  orgId = provider.me.memberships[0]!.orgId;
  const list = (await provider.inject({ url: `/api/orgs/${orgId}/achievements` })).json().items;
  achievementId = list.find((a: { definition: { humanCode?: string } }) => a.definition.humanCode === 'NIT-DATA-105').id;
});
afterAll(() => t?.close());

const CSV = [
  'Name,Email,Issue Date',
  'Ngũgĩ wa Kamau,ngugi.wa.kamau@learners.example,2026-11-01',
  '"Lefèvre, Chloé",chloe.durand@learners.example,2026-11-02',
  ',nameless@example.org,2026-11-02',
  'Bad Email,not-an-email,2026-11-02',
  'Märta Kovács,marta.kovacs@learners.example,',
].join('\n');

const upload = (csv: string, headers: Record<string, string> = {}) =>
  provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/issuance-jobs`, payload: { csv, achievementId }, headers });
const report = (jobId: string) => provider.inject({ url: `/api/orgs/${orgId}/issuance-jobs/${jobId}` }).then((r) => r.json());
const credentialCount = async () => (await t.database.db.select().from(schema.credentials).where(eq(schema.credentials.orgId, orgId))).length;

describe('when a provider uploads an issuance CSV', () => {
  let jobId: string;

  beforeAll(async () => {
    const res = await upload(CSV);
    expect(res.statusCode, res.body).toBe(202);
    jobId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'queued', total: 5, failed: 2, pending: 3 });
    await t.app.services.jobs.drain();
  });

  it('issues the good rows and reports the bad ones by row number and reason', async () => {
    const r = await report(jobId);
    expect(r).toMatchObject({ status: 'succeeded', total: 5, issued: 3, failed: 2, pending: 0 });
    expect(r.errors).toEqual([
      { row: 4, reason: 'name is empty' },
      { row: 5, reason: '"not-an-email" is not an email address' },
    ]);
  });

  it('keeps names with commas and non-ASCII letters intact', async () => {
    const rows = await t.database.db.select().from(schema.credentials).where(eq(schema.credentials.jobId, jobId));
    expect(rows.map((r) => r.recipientName).sort()).toEqual(['Lefèvre, Chloé', 'Märta Kovács', 'Ngũgĩ wa Kamau']);
    const ngugi = rows.find((r) => r.recipientName.startsWith('Ngũgĩ'))!;
    expect((ngugi.document as { validFrom: string }).validFrom).toBe('2026-11-01T00:00:00Z');
  });

  it('issues nothing twice when the same file is uploaded again', async () => {
    const before = await credentialCount();
    const again = (await upload(CSV)).json();
    await t.app.services.jobs.drain();
    expect(await report(again.id)).toMatchObject({ issued: 3, failed: 2 });
    expect(await credentialCount()).toBe(before);
  });

  it('returns the first job for a repeated Idempotency-Key', async () => {
    const a = (await upload(CSV, { 'idempotency-key': 'upload-7' })).json();
    const b = (await upload(CSV, { 'idempotency-key': 'upload-7' })).json();
    expect(b.id).toBe(a.id);
  });
});

describe('when the worker died after issuing but before recording a row', () => {
  it('matches the row to its credential on resume instead of issuing again', async () => {
    const csv = 'name,email,issue_date\nEwa Nowak,ewa.nowak@learners.example,2026-10-10\nKwame Mensah,kwame.mensah@learners.example,2026-10-10';
    const job = (await upload(csv)).json();
    // Simulate the crash: the first row's credential exists, the row is still pending.
    const [row] = await t.database.db.select().from(schema.issuanceRows).where(eq(schema.issuanceRows.jobId, job.id));
    const input = row!.input as { idempotencyKey: string };
    const { issueCredential } = await import('../../src/issuance/index.js');
    await issueCredential(t.app.services.issuance, {
      orgId,
      achievementId,
      recipient: { name: 'Ewa Nowak', email: 'ewa.nowak@learners.example' },
      validFrom: new Date('2026-10-10T00:00:00Z'),
      idempotencyKey: input.idempotencyKey,
    });
    const before = await credentialCount();
    await t.app.services.jobs.drain();
    expect(await report(job.id)).toMatchObject({ issued: 2, failed: 0 });
    expect(await credentialCount()).toBe(before + 1);
  });
});

describe('a CSV that cannot be used', () => {
  it('is refused whole with a clear reason', async () => {
    const res = await upload('who,what\na,b');
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toMatch(/header row/);
  });
});
