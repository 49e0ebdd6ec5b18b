import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionFrom, testApp, type TestApp } from '../helpers/app.js';

const logs: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, cb) {
    logs.push(String(chunk));
    cb();
  },
});

let t: TestApp;
let now = new Date('2026-11-23T12:00:00Z');
beforeAll(async () => {
  t = await testApp({ logStream, clock: { now: () => now }, env: { SESSION_TTL_HOURS: '1' } });
});
afterAll(() => t?.close());

const PASSWORD = 'Pässwörd-für-Zoë-2026';

describe('when a learner signs up, signs out and signs in', () => {
  it('keeps them signed in with an HttpOnly cookie, and out after sign-out', async () => {
    const up = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: 'Zoe.Ngugi@Example.org', password: PASSWORD, name: 'Zoë Ngũgĩ 李' } });
    expect(up.statusCode, up.body).toBe(201);
    const cookieHeader = String(up.headers['set-cookie']);
    expect(cookieHeader).toMatch(/mc_session=[\w-]{40,}/);
    expect(cookieHeader).toMatch(/HttpOnly/i);
    expect(cookieHeader).toMatch(/SameSite=Lax/i);
    const s = sessionFrom(t.app, up);
    expect(s.me.user.email).toBe('zoe.ngugi@example.org');

    const me = await s.inject({ url: '/api/me' });
    expect(me.json()).toMatchObject({ learner: true, user: { name: 'Zoë Ngũgĩ 李' }, memberships: [] });

    const out = await s.inject({ method: 'POST', url: '/api/auth/sign-out' });
    expect(out.statusCode).toBe(204);
    expect((await s.inject({ url: '/api/me' })).statusCode).toBe(401);

    const back = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'zoe.ngugi@example.org', password: PASSWORD } });
    expect(back.statusCode).toBe(200);
    expect(back.json().user.name).toBe('Zoë Ngũgĩ 李');
  });

  it('refuses a second account with the same email, whatever its case', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: 'ZOE.NGUGI@example.org', password: PASSWORD, name: 'Other' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'email_taken', errors: [{ path: 'body.email' }] });
  });
});

describe('when an organisation signs up', () => {
  it('creates the organisation with the new user as its admin', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: 'boss@forge.example', password: PASSWORD, name: 'Boss', account: 'employer', organisationName: 'Ölwerk Gießen' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ learner: false, memberships: [{ orgName: 'Ölwerk Gießen', orgSlug: 'olwerk-giessen', orgKind: 'employer', role: 'admin' }] });
  });

  it('requires the organisation name', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: 'x@forge.example', password: PASSWORD, name: 'X', account: 'provider' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.organisationName', message: expect.any(String) }]);
    // Nothing half-written: the account was not created either.
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: 'x@forge.example', password: PASSWORD, name: 'X' } });
    expect(again.statusCode).toBe(201);
  });
});

describe('CSRF protection', () => {
  it('refuses an unsafe cookie request without the CSRF token', async () => {
    const up = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: 'csrf@example.org', password: PASSWORD, name: 'C' } });
    const s = sessionFrom(t.app, up);
    const bare = await t.app.inject({ method: 'PATCH', url: '/api/learner/profile', headers: { cookie: s.cookie }, payload: { headline: 'x' } });
    expect(bare.statusCode).toBe(403);
    expect(bare.json().code).toBe('csrf_failed');
    const wrong = await t.app.inject({ method: 'PATCH', url: '/api/learner/profile', headers: { cookie: s.cookie, 'x-csrf-token': 'nope' }, payload: { headline: 'x' } });
    expect(wrong.json().code).toBe('csrf_failed');
    const ok = await s.inject({ method: 'PATCH', url: '/api/learner/profile', payload: { headline: 'Ça marche' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().headline).toBe('Ça marche');
  });

  it('refuses sign-in posted from another site', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { origin: 'https://evil.example' }, payload: { email: 'csrf@example.org', password: PASSWORD } });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('csrf_failed');
  });

  it('lets safe requests through without a token', async () => {
    const up = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'csrf@example.org', password: PASSWORD } });
    const s = sessionFrom(t.app, up);
    const res = await t.app.inject({ url: '/api/me', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
  });
});

describe('when a session expires', () => {
  it('is no longer accepted', async () => {
    const s = sessionFrom(t.app, await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'csrf@example.org', password: PASSWORD } }));
    expect((await s.inject({ url: '/api/me' })).statusCode).toBe(200);
    now = new Date(now.getTime() + 61 * 60_000);
    const res = await s.inject({ url: '/api/me' });
    expect(res.statusCode).toBe(401);
  });
});

describe('the logs', () => {
  it('never contain passwords, session tokens, CSRF tokens or API keys', async () => {
    const s = sessionFrom(t.app, await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'boss@forge.example', password: PASSWORD } }));
    const orgId = s.me.memberships[0]!.orgId;
    const key = (await s.inject({ method: 'POST', url: `/api/orgs/${orgId}/api-keys`, payload: { name: 'k', scopes: ['org:read'] } })).json().secret;
    await t.app.inject({ url: `/api/orgs/${orgId}`, headers: { authorization: `Bearer ${key}` } });
    const all = logs.join('');
    expect(all).toContain('request completed'); // the logs were captured at all
    for (const secret of [PASSWORD, s.cookie.split('=')[1]!, s.csrfToken, key]) expect(all).not.toContain(secret);
  });
});
