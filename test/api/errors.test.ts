import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/core/errors.js';
import { testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ env: { BODY_LIMIT_BYTES: '4096', AUTH_RATE_LIMIT: '3' } });
});
afterAll(() => t?.close());

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; json(): any; body: string }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const p = res.json();
  expect(p).toMatchObject({ status, code, title: ERRORS[code as keyof typeof ERRORS].title });
  expect(p.type).toMatch(new RegExp(`/api/problems/${code}$`));
  expect(res.body).not.toMatch(/\bat .+\.(ts|js):\d+/); // never a stack trace
  return p;
}

describe('when the client makes a mistake', () => {
  it('answers malformed JSON with 400 malformed_json', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', headers: { 'content-type': 'application/json' }, payload: '{"email": ' });
    expectProblem(res, 400, 'malformed_json');
  });

  it('answers an oversize body with 413 payload_too_large', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x'.repeat(10_000) }) });
    expectProblem(res, 413, 'payload_too_large');
  });

  it('answers an unknown API route with 404 not_found', async () => {
    const p = expectProblem(await t.app.inject({ url: '/api/no/such/thing' }), 404, 'not_found');
    expect(p.instance).toBe('/api/no/such/thing');
  });

  it('answers an unknown route with problem+json even when HTML is accepted under /api', async () => {
    expectProblem(await t.app.inject({ url: '/api/nothing', headers: { accept: 'text/html' } }), 404, 'not_found');
  });

  it('answers an unsupported content type with 415', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it('names each invalid field of a request body', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: 'not-an-email', password: 'short', name: '' } });
    const p = expectProblem(res, 400, 'invalid_request');
    const paths = p.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password', 'body.name']));
  });

  it('rejects a malformed path parameter with 400, not 500', async () => {
    const res = await t.app.inject({ url: '/api/orgs/not-a-uuid', headers: { authorization: 'Bearer mck_nothing' } });
    // The bad key is checked first (401); with a session the id is validated.
    expectProblem(res, 401, 'unauthenticated');
  });

  it('answers wrong credentials with 401 invalid_credentials, the same for unknown emails', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'nobody@example.org', password: 'whatever-it-is' } });
    expectProblem(a, 401, 'invalid_credentials');
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: 'real@example.org', password: 'long enough password', name: 'Réal' } });
    const b = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'real@example.org', password: 'wrong password!!' } });
    expect(b.json().detail).toBe(a.json().detail);
  });

  it('rate-limits sign-in attempts with 429 rate_limited', async () => {
    const attempt = () => t.app.inject({ method: 'POST', url: '/api/auth/sign-in', remoteAddress: '203.0.113.9', payload: { email: 'x@example.org', password: 'whatever-it-is' } });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt()).statusCode);
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    const last = await attempt();
    expectProblem(last, 429, 'rate_limited');
    expect(last.headers['retry-after']).toBeDefined();
  });
});

describe('the problem type URIs', () => {
  it('document every code', async () => {
    for (const [code, { status, title }] of Object.entries(ERRORS)) {
      const res = await t.app.inject({ url: `/api/problems/${code}` });
      expect(res.json()).toEqual({ code, status, title });
    }
  });
});

describe('every response', () => {
  it('carries security headers and a request id', async () => {
    const res = await t.app.inject({ url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  });
});
