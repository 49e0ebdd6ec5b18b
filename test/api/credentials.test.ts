import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProvider, signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

let t: TestApp;
let provider: Session;
let orgId: string;
let achievementId: string;

beforeAll(async () => {
  t = await testApp({ demo: true, env: { PUBLIC_URL: 'https://microcred.test' } });
  ({ provider, orgId, achievementId } = await demoProvider(t.app));
});
afterAll(() => t?.close());

const issue = (payload: object, headers: Record<string, string> = {}) =>
  provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials`, payload, headers });
const verifyDoc = (doc: unknown) => t.app.inject({ method: 'POST', url: '/api/verify', payload: doc as object });
const failed = (res: { json(): { checks: { id: string; ok: boolean | null; reason: string }[] } }) => {
  const bad = res.json().checks.filter((c) => c.ok !== true);
  if (process.env.DEBUG_CHECKS) for (const c of bad) console.error(`check ${c.id}: ${c.reason}`);
  return bad.map((c) => c.id);
};

describe('when a provider issues a credential', () => {
  let issued: any;

  beforeAll(async () => {
    const res = await issue({ achievementId, recipient: { name: 'Amara Okafor — 李', email: 'amara.okafor@learners.example' }, result: 'A' });
    expect(res.statusCode, res.body).toBe(201);
    issued = res.json();
  });

  it('signs an Open Badges 3.0 credential naming the issuer, achievement version and status entries', () => {
    const c = issued.credential;
    expect(c.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(c.id).toBe(`https://microcred.test/c/${issued.id}`);
    expect(c.issuer).toMatchObject({ id: 'did:web:microcred.test:issuers:lumiere', name: 'Université de Lumière' });
    expect(c.credentialSubject.achievement.id).toBe(`https://microcred.test/achievements/${achievementId}/versions/1`);
    expect(c.credentialSubject.achievement.alignment).toHaveLength(3);
    expect(c.credentialSubject.identifier[0]).toMatchObject({ identityType: 'emailAddress', hashed: true });
    expect(JSON.stringify(c)).not.toContain('amara.okafor@learners.example');
    expect(c.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'message', statusSize: 2 });
    expect(c.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
  });

  it('verifies through the public API, resolving the issuer and status list hosted here', async () => {
    const res = await verifyDoc(issued.credential);
    expect(failed(res)).toEqual([]);
    expect(res.json().verified).toBe(true);
    expect(res.json().checks.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining(['proof', 'issuer', 'key', 'status', 'schema']));
  });

  it('serves the issuer DID document and status lists publicly', async () => {
    const did = await t.app.inject({ url: '/issuers/lumiere/did.json' });
    expect(did.statusCode).toBe(200);
    expect(did.json().assertionMethod[0]).toBe(issued.credential.proof.verificationMethod);
    const listUrl = new URL(issued.credential.credentialStatus.statusListCredential);
    const list = await t.app.inject({ url: listUrl.pathname });
    expect(list.statusCode).toBe(200);
    expect(list.json().type).toContain('BitstringStatusListCredential');
    expect(list.headers['cache-control']).toMatch(/max-age=\d+/);
  });

  it('shows in the learner’s wallet', async () => {
    const learner = await signIn(t.app, 'amara.okafor@learners.example');
    const items = (await learner.inject({ url: '/api/learner/credentials' })).json().items;
    expect(items.map((i: { id: string }) => i.id)).toContain(issued.id);
  });

  it('fails verification when any signed field is changed', async () => {
    const tampered = structuredClone(issued.credential);
    tampered.credentialSubject.achievement.name = 'Something grander';
    const res = await verifyDoc(tampered);
    expect(res.json().verified).toBe(false);
    expect(failed(res)).toContain('proof');
  });
});

describe('idempotency', () => {
  it('gives one credential for the same key twice', async () => {
    const body = { achievementId, recipient: { name: 'José Martínez', email: 'jose.martinez@learners.example' } };
    const a = await issue(body, { 'idempotency-key': 'enrolment-42' });
    const b = await issue(body, { 'idempotency-key': 'enrolment-42' });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json().id).toBe(a.json().id);
  });
});

describe('when a credential is revoked', () => {
  it('fails the status check, and revocation is final', async () => {
    const c = (await issue({ achievementId, recipient: { name: 'Zoë Müller', email: 'zoe.muller@learners.example' } })).json();
    const revoke = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials/${c.id}/status`, payload: { action: 'revoke', reason: 'issued in error' } });
    expect(revoke.json()).toMatchObject({ state: 'revoked', statusReason: 'issued in error' });
    const res = await verifyDoc(c.credential);
    expect(res.json().verified).toBe(false);
    // The revocation is in the transparency log too, which the verifier reports next to the status list.
    expect(failed(res)).toEqual(['status', 'log']);
    const again = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials/${c.id}/status`, payload: { action: 'revoke' } });
    expect(again.statusCode).toBe(409);
  });
});

describe('bad issuance requests', () => {
  it('refuses a recipient with neither email nor DID, naming the field', async () => {
    const res = await issue({ achievementId, recipient: { name: 'Nobody' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('recipient');
  });

  it('refuses a grade the achievement does not allow', async () => {
    const res = await issue({ achievementId, recipient: { name: 'X', email: 'x@example.org' }, result: 'Z' });
    expect(res.statusCode).toBe(400);
    expect(res.json().detail).toContain('A, B, C, D, E, F');
  });

  it('refuses to issue a draft achievement', async () => {
    const draft = (await provider.inject({ method: 'PUT', url: `/api/orgs/${orgId}/achievements/${achievementId}`, payload: { name: 'x' } }));
    expect(draft.statusCode).toBe(400); // an incomplete revision is refused whole
    const created = (await provider.inject({
      method: 'POST',
      url: `/api/orgs/${orgId}/achievements`,
      payload: { name: 'Draft', description: 'd', criteria: { narrative: 'n' }, learningOutcomes: ['o'], workload: { hours: 1 }, assessment: 'a', participation: 'online', qualityAssurance: 'q' },
    })).json();
    const res = await issue({ achievementId: created.id, recipient: { name: 'X', email: 'x@example.org' } });
    expect(res.statusCode).toBe(409);
  });
});

describe('when the issuer rotates its key', () => {
  it('signs new credentials with the new key while earlier ones still verify', async () => {
    const before = (await issue({ achievementId, recipient: { name: 'Björn Lindqvist', email: 'bjorn.lindqvist@learners.example' } })).json();
    const admin = await signIn(t.app, 'admin@lumiere.example');
    const staffTry = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/issuer-keys/rotate` });
    expect(staffTry.statusCode).toBe(403);
    const rotated = await admin.inject({ method: 'POST', url: `/api/orgs/${orgId}/issuer-keys/rotate` });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const methods = rotated.json().verificationMethods;
    expect(methods.length).toBeGreaterThanOrEqual(2);
    expect(methods.find((m: { current: boolean }) => m.current).id).not.toBe(before.credential.proof.verificationMethod);
    const after = (await issue({ achievementId, recipient: { name: 'Ana Horvat', email: 'ana.horvat@learners.example' } })).json();
    expect(after.credential.proof.verificationMethod).toBe(methods.find((m: { current: boolean }) => m.current).id);
    expect((await verifyDoc(before.credential)).json().verified).toBe(true);
    expect((await verifyDoc(after.credential)).json().verified).toBe(true);
  });
});
