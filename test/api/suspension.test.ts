import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader, decodeStatusList, getStatusBit, obSchemaErrors } from '../../src/credentials/index.js';
import { schema } from '../../src/db/index.js';
import { credentialIdHash, decodeEntry, equalHashes } from '../../src/ledger/index.js';
import { demoProvider, testApp, type Session, type TestApp } from '../helpers/app.js';

let t: TestApp;
let provider: Session;
let orgId: string;
let achievementId: string;

beforeAll(async () => {
  t = await testApp({ demo: true, env: { PUBLIC_URL: 'https://microcred.test' } });
  ({ provider, orgId, achievementId } = await demoProvider(t.app));
});
afterAll(() => t?.close());

type Check = { id: string; ok: boolean | null; reason: string };
const issue = async (name: string, email: string) => {
  const res = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials`, payload: { achievementId, recipient: { name, email } } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const act = (id: string, action: string, reason?: string) =>
  provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials/${id}/status`, payload: { action, ...(reason ? { reason } : {}) } });
const verify = async (doc: unknown) => {
  const res = await t.app.inject({ method: 'POST', url: '/api/verify', payload: doc as object });
  expect(res.statusCode).toBe(200);
  return res.json() as { verified: boolean; checks: Check[] };
};
const statusCheck = (r: { checks: Check[] }) => r.checks.find((c) => c.id === 'status')!;

/** The two status bits (revoked, suspended) of a credential, read from its served, signed list. */
async function servedBits(credential: { credentialStatus: { statusListCredential: string; statusListIndex: string } }) {
  const url = new URL(credential.credentialStatus.statusListCredential);
  const res = await t.app.inject({ url: url.pathname });
  expect(res.statusCode).toBe(200);
  const list = res.json();
  expect(list.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
  const bits = decodeStatusList(list.credentialSubject.encodedList);
  const i = Number(credential.credentialStatus.statusListIndex);
  return { revoked: getStatusBit(bits, 2 * i), suspended: getStatusBit(bits, 2 * i + 1), list };
}

/** The status actions the transparency log holds for a credential, in order (pending and sequenced). */
async function loggedActions(credentialUrl: string): Promise<string[]> {
  const { db } = t.database;
  const rows = [...(await db.select().from(schema.ledgerEntries)), ...(await db.select().from(schema.ledgerPending))];
  const want = credentialIdHash(credentialUrl);
  return rows
    .map((r) => decodeEntry(r.entry))
    .filter((e) => e.type === 'status' && equalHashes(e.credentialIdHash, want))
    .map((e) => (e.type === 'status' ? e.action : ''));
}

describe('a credential that can be suspended', () => {
  it('carries one two-bit message status entry (revoked, suspended), so it keeps the single credentialStatus OB 3.0 allows', async () => {
    const c = await issue('Inès Laurent', 'ines.laurent@learners.example');
    expect(c.credential.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusSize: 2,
      statusMessage: [
        { status: '0x0', message: 'valid' },
        { status: '0x1', message: 'suspended' },
        { status: '0x2', message: 'revoked' },
        { status: '0x3', message: 'revoked' },
      ],
    });
    const { list } = await servedBits(c.credential);
    expect(list.credentialSubject.statusPurpose).toBe('message');
    // 131,072 entries of two bits each.
    expect(decodeStatusList(list.credentialSubject.encodedList).length * 8).toBe(2 * 131_072);
    const v = await verify(c.credential);
    expect(v.verified).toBe(true);
    expect(statusCheck(v)).toMatchObject({ ok: true });
    expect(statusCheck(v).reason).toMatch(/^valid \(status message 0x0/);
  });

  it('validates against the OB 3.0 schema and verifies with Digital Bazaar’s own verifyCredential', async () => {
    const c = await issue('Mirela Ionescu', 'mirela.ionescu@learners.example');
    expect(obSchemaErrors(c.credential)).toEqual([]);
    const did = c.credential.issuer.id as string;
    const didDoc = (await t.app.inject({ url: '/issuers/lumiere/did.json' })).json();
    expect(didDoc.id).toBe(did);
    const result = await vc.verifyCredential({
      credential: c.credential,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: createDocumentLoader({ documents: new Map([[did, didDoc]]) }),
      checkStatus: async () => ({ verified: true }),
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });
});

describe('suspending and reinstating', () => {
  it('fails verification naming suspension, passes again after reinstatement, and logs both', async () => {
    const c = await issue('Søren Ødegaard', 'soren.odegaard@learners.example');

    const suspended = await act(c.id, 'suspend', 'assessment under appeal');
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ state: 'suspended', statusReason: 'assessment under appeal' });
    expect(await servedBits(c.credential)).toMatchObject({ revoked: false, suspended: true });
    const v1 = await verify(c.credential);
    expect(v1.verified).toBe(false);
    // The suspension is in the transparency log too, which the verifier reports next to the status list.
    expect(v1.checks.filter((x) => x.ok !== true).map((x) => x.id)).toEqual(['status', 'log']);
    expect(statusCheck(v1).ok).toBe(false);
    expect(statusCheck(v1).reason).toMatch(/^suspended/);

    // The provider's list and the public page agree.
    const listed = (await provider.inject({ url: `/api/orgs/${orgId}/credentials/${c.id}` })).json();
    expect(listed.state).toBe('suspended');
    const page = (await t.app.inject({ url: `/api/public/credentials/${c.id}` })).json();
    expect(page.state).toBe('suspended');
    expect(page.verification.verified).toBe(false);

    const again = await act(c.id, 'suspend');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('credential_status_unchanged');

    const reinstated = await act(c.id, 'reinstate', 'appeal upheld');
    expect(reinstated.statusCode, reinstated.body).toBe(200);
    expect(reinstated.json()).toMatchObject({ state: 'active', statusReason: 'appeal upheld' });
    expect(await servedBits(c.credential)).toMatchObject({ revoked: false, suspended: false });
    const v2 = await verify(c.credential);
    expect(v2.verified).toBe(true);
    expect(statusCheck(v2).ok).toBe(true);

    const notSuspended = await act(c.id, 'reinstate');
    expect(notSuspended.statusCode).toBe(409);
    expect(notSuspended.json().code).toBe('credential_status_unchanged');

    expect(await loggedActions(c.credential.id)).toEqual(['suspend', 'reinstate']);
  });

  it('can suspend and reinstate more than once', async () => {
    const c = await issue('Ana Núñez', 'ana.nunez@learners.example');
    for (let round = 0; round < 2; round++) {
      expect((await act(c.id, 'suspend')).statusCode).toBe(200);
      expect((await verify(c.credential)).verified).toBe(false);
      expect((await act(c.id, 'reinstate')).statusCode).toBe(200);
      expect((await verify(c.credential)).verified).toBe(true);
    }
    expect(await loggedActions(c.credential.id)).toEqual(['suspend', 'reinstate', 'suspend', 'reinstate']);
  });
});

describe('revocation is final', () => {
  it('a suspended credential can be revoked, and then neither reinstated nor suspended', async () => {
    const c = await issue('Chloé Dubois', 'chloe.dubois@learners.example');
    expect((await act(c.id, 'suspend')).statusCode).toBe(200);
    const revoked = await act(c.id, 'revoke', 'misconduct confirmed');
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json().state).toBe('revoked');
    expect(await servedBits(c.credential)).toMatchObject({ revoked: true, suspended: true });
    const v = await verify(c.credential);
    expect(v.verified).toBe(false);
    expect(statusCheck(v).reason).toMatch(/^revoked/);

    for (const action of ['reinstate', 'suspend', 'revoke']) {
      const res = await act(c.id, action);
      expect(res.statusCode).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 409, code: 'credential_revoked' });
    }
    expect((await verify(c.credential)).verified).toBe(false);
    expect(await loggedActions(c.credential.id)).toEqual(['suspend', 'revoke']);
  });

  it('an active credential revoked reads as revoked, not suspended', async () => {
    const c = await issue('Jürgen Groß', 'jurgen.gross@learners.example');
    expect((await act(c.id, 'revoke')).statusCode).toBe(200);
    expect(await servedBits(c.credential)).toMatchObject({ revoked: true, suspended: false });
    expect(statusCheck(await verify(c.credential)).reason).toMatch(/^revoked/);
  });
});

describe('credentials issued before suspension existed', () => {
  it('cannot be suspended (their entry is revocation only) but can still be revoked', async () => {
    const c = await issue('Old Entry', 'old.entry@learners.example');
    // Make the stored document look like one issued with the earlier revocation-only entry.
    const { db } = t.database;
    const { eq } = await import('drizzle-orm');
    const listUrl = c.credential.credentialStatus.statusListCredential.replace(/\/message$/, '/revocation');
    const old = { ...c.credential, credentialStatus: { id: `${listUrl}#${c.credential.credentialStatus.statusListIndex}`, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: c.credential.credentialStatus.statusListIndex, statusListCredential: listUrl } };
    await db.update(schema.credentials).set({ document: old }).where(eq(schema.credentials.id, c.id));
    const res = await act(c.id, 'suspend');
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('suspension_unsupported');
    expect(await loggedActions(c.credential.id)).toEqual([]);
    expect((await act(c.id, 'revoke')).statusCode).toBe(200);
    // The revocation list is still served for such credentials.
    const list = await t.app.inject({ url: new URL(listUrl).pathname });
    expect(list.statusCode).toBe(200);
    expect(getStatusBit(decodeStatusList(list.json().credentialSubject.encodedList), Number(c.credential.credentialStatus.statusListIndex))).toBe(true);
  });
});
