import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unbake } from '../../src/credentials/index.js';
import { demoProvider, signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

/** The learner wallet: downloads, LinkedIn link, share links a learner can withdraw. */

let t: TestApp;
let provider: Session;
let learner: Session;
let orgId: string;
let achievementId: string;
let credentialId: string;
let credential: Record<string, any>;
let offset = 0;
const clock = { now: () => new Date(Date.now() + offset) };
const LEARNER = 'wallet.owner@learners.example';

beforeAll(async () => {
  t = await testApp({ demo: true, clock, env: { PUBLIC_URL: 'https://microcred.test' } });
  ({ provider, orgId, achievementId } = await demoProvider(t.app));
  const signUp = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: LEARNER, password: 'a long passphrase 42', name: 'Zoë Ngũgĩ wa Kamau', account: 'learner' } });
  expect(signUp.statusCode, signUp.body).toBe(201);
  learner = await signIn(t.app, LEARNER, 'a long passphrase 42');
  const issued = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials`, payload: { achievementId, recipient: { name: 'Zoë Ngũgĩ wa Kamau', email: LEARNER } } });
  expect(issued.statusCode, issued.body).toBe(201);
  credentialId = issued.json().id;
  credential = issued.json().credential;
});
afterAll(() => t?.close());

const wallet = async (s: Session = learner) => (await s.inject({ url: '/api/learner/wallet' })).json().items as any[];
const verifyText = (text: string) => t.app.inject({ method: 'POST', url: '/api/verify', payload: text, headers: { 'content-type': 'text/plain' } });

describe('the wallet lists', () => {
  it("the learner's credentials, each verified now, with a LinkedIn link carrying organisation, issue date, URL and id", async () => {
    const item = (await wallet()).find((i) => i.id === credentialId);
    expect(item).toMatchObject({ verified: true, shareable: true, state: 'active', issuer: { name: 'Université de Lumière' } });
    const url = new URL(item.linkedInUrl);
    expect(url.origin + url.pathname).toBe('https://www.linkedin.com/profile/add');
    const issuedAt = new Date(item.issuedAt);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      startTask: 'CERTIFICATION_NAME',
      name: item.achievement.name,
      organizationName: 'Université de Lumière',
      issueYear: String(issuedAt.getUTCFullYear()),
      issueMonth: String(issuedAt.getUTCMonth() + 1),
      certUrl: `https://microcred.test/c/${credentialId}`,
      certId: credentialId,
    });
  });

  it('nothing of another learner, and nothing to strangers', async () => {
    const other = await signIn(t.app, 'amara.okafor@learners.example');
    expect((await wallet(other)).map((i) => i.id)).not.toContain(credentialId);
    const res = await other.inject({ url: `/api/learner/credentials/${credentialId}/files/json` });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
    expect((await t.app.inject({ url: '/api/learner/wallet' })).json().code).toBe('unauthenticated');
  });
});

describe('downloads', () => {
  const download = (kind: string) => learner.inject({ url: `/api/learner/credentials/${credentialId}/files/${kind}` });

  it('JSON is the signed credential, as an attachment named after the achievement', async () => {
    const res = await download('json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/vc\+ld\+json/);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="[\w.-]+\.json"; filename\*=UTF-8''/);
    expect(res.json()).toEqual(credential);
  });

  it('the PNG badge carries the credential (iTXt), and verifies when uploaded', async () => {
    const res = await download('png');
    expect(res.headers['content-type']).toBe('image/png');
    const png = res.rawPayload;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const baked = unbake(png);
    expect(baked && 'credential' in baked && JSON.parse(baked.credential)).toEqual(credential);
    const verdict = (await verifyText(`data:image/png;base64,${png.toString('base64')}`)).json();
    expect(verdict.verified).toBe(true);
    expect(verdict.checks[0]).toMatchObject({ id: 'baked', ok: true });
  });

  it('the SVG badge carries the credential too, and a tampered one fails', async () => {
    const svg = (await download('svg')).body;
    expect(svg).toContain('<svg');
    expect((await verifyText(svg)).json().verified).toBe(true);
    const tampered = svg.replace(/Zo\u00eb|Zo&#xEB;|Zoë/, 'Zed');
    expect(tampered).not.toBe(svg);
    const verdict = (await verifyText(tampered)).json();
    expect(verdict.verified).toBe(false);
    expect(verdict.checks.find((c: { id: string }) => c.id === 'proof').ok).toBe(false);
  });

  it('the PDF certificate links its QR code to the public verification page', async () => {
    const res = await download('pdf');
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toContain(`/URI (https://microcred.test/c/${credentialId})`);
  });

  it('an unknown file kind is a 400 naming the parameter', async () => {
    const res = await download('docx');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toMatch(/kind/);
  });
});

describe('share links', () => {
  const create = (payload: object, id = credentialId) => learner.inject({ method: 'POST', url: `/api/learner/credentials/${id}/shares`, payload });
  const open = (url: string) => t.app.inject({ url: `/api/public/shares/${url.split('/s/')[1]}` });

  it('show the credential, verified, with the name as chosen, and count visits', async () => {
    const res = await create({ nameDisplay: 'initials' });
    expect(res.statusCode, res.body).toBe(201);
    const share = res.json();
    expect(share.url).toMatch(/^https:\/\/microcred\.test\/s\/[A-Za-z0-9_-]{20,}$/);
    const seen = (await open(share.url)).json();
    expect(seen.recipientName).toBe('Z. N. W. K.');
    expect(seen.verification.verified).toBe(true);
    expect(seen.credential).toBeNull();
    expect(JSON.stringify(seen)).not.toContain('Ngũgĩ');
    await open(share.url);
    const listed = (await learner.inject({ url: `/api/learner/shares?credentialId=${credentialId}` })).json().items;
    expect(listed.find((s: { id: string }) => s.id === share.id)).toMatchObject({ viewCount: 2, state: 'active' });
  });

  it('hand out the signed credential only when the name is shown in full', async () => {
    const full = (await open((await create({ nameDisplay: 'full' })).json().url)).json();
    expect(full.recipientName).toBe('Zoë Ngũgĩ wa Kamau');
    expect(full.credential).toEqual(credential);
    const hidden = (await open((await create({ nameDisplay: 'hidden' })).json().url)).json();
    expect(hidden.recipientName).toBeNull();
  });

  it('answer 410 once withdrawn by the learner, and cannot be withdrawn by someone else', async () => {
    const share = (await create({ nameDisplay: 'full' })).json();
    const other = await signIn(t.app, 'amara.okafor@learners.example');
    expect((await other.inject({ method: 'POST', url: `/api/learner/shares/${share.id}/revoke` })).statusCode).toBe(404);
    expect((await open(share.url)).statusCode).toBe(200);
    const revoked = await learner.inject({ method: 'POST', url: `/api/learner/shares/${share.id}/revoke` });
    expect(revoked.json()).toMatchObject({ state: 'revoked' });
    const gone = await open(share.url);
    expect(gone.statusCode).toBe(410);
    expect(gone.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(gone.json()).toMatchObject({ code: 'share_link_withdrawn', detail: expect.stringMatching(/withdrawn/) });
  });

  it('answer 410 after their expiry, and refuse an expiry in the past', async () => {
    const past = await create({ nameDisplay: 'full', expiresAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('body.expiresAt');
    const share = (await create({ nameDisplay: 'full', expiresAt: new Date(Date.now() + 3_600_000).toISOString() })).json();
    expect((await open(share.url)).statusCode).toBe(200);
    offset = 2 * 3_600_000;
    try {
      const gone = await open(share.url);
      expect(gone.statusCode).toBe(410);
      expect(gone.json().detail).toMatch(/expired/);
    } finally {
      offset = 0;
    }
  });

  it('an unknown token is 404, a malformed one 400', async () => {
    expect((await t.app.inject({ url: '/api/public/shares/AAAAAAAAAAAAAAAAAAAAAA' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/public/shares/not*a*token' })).statusCode).toBe(400);
  });

  it('cannot be made, nor LinkedIn offered, for a revoked credential; existing links then show it revoked', async () => {
    const share = (await create({ nameDisplay: 'full' })).json();
    const revoke = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/credentials/${credentialId}/status`, payload: { action: 'revoke', reason: 'test' } });
    expect(revoke.statusCode, revoke.body).toBe(200);
    const refused = await create({ nameDisplay: 'full' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('credential_not_shareable');
    expect(refused.json().detail).toMatch(/revoked/);
    const item = (await wallet()).find((i) => i.id === credentialId);
    expect(item).toMatchObject({ state: 'revoked', verified: false, shareable: false, linkedInUrl: null });
    const seen = (await open(share.url)).json();
    expect(seen.state).toBe('revoked');
    expect(seen.verification.verified).toBe(false);
  });
});
