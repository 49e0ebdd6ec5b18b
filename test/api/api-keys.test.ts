import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/db/index.js';
import { signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

let t: TestApp;
let admin: Session;
let orgId: string;
beforeAll(async () => {
  t = await testApp({ demo: true });
  admin = await signIn(t.app, 'admin@skillforge.example');
  orgId = admin.me.memberships[0]!.orgId;
});
afterAll(() => t?.close());

const asKey = (secret: string, url: string) => t.app.inject({ url, headers: { authorization: `Bearer ${secret}` } });

describe('when an admin creates an API key', () => {
  it('shows the secret once and stores only its hash', async () => {
    const res = await admin.inject({ method: 'POST', url: `/api/orgs/${orgId}/api-keys`, payload: { name: 'LMS sync', scopes: ['org:read', 'members:read'] } });
    expect(res.statusCode).toBe(201);
    const { secret, id, prefix } = res.json();
    expect(secret).toMatch(/^mck_[\w-]{40,}$/);
    expect(secret.startsWith(prefix)).toBe(true);

    const list = (await admin.inject({ url: `/api/orgs/${orgId}/api-keys` })).body;
    expect(list).toContain(id);
    expect(list).not.toContain(secret);

    const [row] = await t.database.db.select().from(schema.apiKeys).where(eq(schema.apiKeys.id, id));
    expect(row!.secretHash).not.toContain(secret);
    expect(row!.secretHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets the key do what its scopes allow and nothing more', async () => {
    const { secret } = (await admin.inject({ method: 'POST', url: `/api/orgs/${orgId}/api-keys`, payload: { name: 'reader', scopes: ['org:read'] } })).json();
    const org = await asKey(secret, `/api/orgs/${orgId}`);
    expect(org.statusCode).toBe(200);
    expect(org.json().slug).toBe('skillforge');
    expect((await asKey(secret, `/api/orgs/${orgId}/members`)).statusCode).toBe(403);
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/orgs/${orgId}`, headers: { authorization: `Bearer ${secret}` }, payload: { name: 'Hijacked' } });
    expect(patch.statusCode).toBe(403);
  });

  it('records when the key was last used', async () => {
    const { secret, id } = (await admin.inject({ method: 'POST', url: `/api/orgs/${orgId}/api-keys`, payload: { name: 'used', scopes: ['org:read'] } })).json();
    await asKey(secret, `/api/orgs/${orgId}`);
    const keys = (await admin.inject({ url: `/api/orgs/${orgId}/api-keys` })).json().items;
    expect(keys.find((k: { id: string }) => k.id === id).lastUsedAt).not.toBeNull();
  });

  it('refuses unknown scopes', async () => {
    const res = await admin.inject({ method: 'POST', url: `/api/orgs/${orgId}/api-keys`, payload: { name: 'bad', scopes: ['root'] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.scopes.0');
  });
});

describe('when a key is revoked', () => {
  it('stops working at once, with 401', async () => {
    const { secret, id } = (await admin.inject({ method: 'POST', url: `/api/orgs/${orgId}/api-keys`, payload: { name: 'temp', scopes: ['org:read'] } })).json();
    expect((await asKey(secret, `/api/orgs/${orgId}`)).statusCode).toBe(200);
    expect((await admin.inject({ method: 'DELETE', url: `/api/orgs/${orgId}/api-keys/${id}` })).statusCode).toBe(204);
    const res = await asKey(secret, `/api/orgs/${orgId}`);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
    // Revoking twice is a 404: there is no active key left with that id.
    expect((await admin.inject({ method: 'DELETE', url: `/api/orgs/${orgId}/api-keys/${id}` })).statusCode).toBe(404);
  });
});

describe('a made-up key', () => {
  it('is refused with 401 rather than treated as anonymous', async () => {
    const res = await asKey('mck_madeup', '/api/health');
    expect(res.statusCode).toBe(401);
  });
});
