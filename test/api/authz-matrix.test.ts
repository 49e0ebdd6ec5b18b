import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type TestApp } from '../helpers/app.js';

/**
 * Every endpoint × every kind of caller, including callers from a foreign
 * tenant, against the provider "lumiere". Each cell is the status the caller
 * must get; a 2xx where 403 is expected is a leak.
 */
const ACTORS = [
  'anonymous',
  'learner',
  'providerAdmin',
  'providerStaff',
  'foreignProviderAdmin',
  'employerAdmin',
  'qaAdmin',
  'platformAdmin',
  'keyAllScopes',
  'keyReadOnly',
  'foreignKey',
] as const;
type ActorName = (typeof ACTORS)[number];

type Caller = (o: InjectOptions) => Promise<LightMyRequestResponse>;

let t: TestApp;
let callers: Record<ActorName, Caller>;
let lumiere: string;
let northbridge: string;
let allOrgIds: string[];

beforeAll(async () => {
  t = await testApp({ demo: true });
  const sessions = {
    learner: await signIn(t.app, 'amara.okafor@learners.example'),
    providerAdmin: await signIn(t.app, 'admin@lumiere.example'),
    providerStaff: await signIn(t.app, 'teacher@lumiere.example'),
    foreignProviderAdmin: await signIn(t.app, 'admin@northbridge.example'),
    employerAdmin: await signIn(t.app, 'admin@helix.example'),
    qaAdmin: await signIn(t.app, 'admin@eqam.example'),
    platformAdmin: await signIn(t.app, 'admin@microcred.example'),
  };
  const orgOf = (slug: string) => sessions.platformAdmin.inject({ url: '/api/orgs' }).then((r) => r.json().items.find((o: { slug: string }) => o.slug === slug).id as string);
  lumiere = await orgOf('lumiere');
  northbridge = await orgOf('northbridge');
  allOrgIds = (await sessions.platformAdmin.inject({ url: '/api/orgs' })).json().items.map((o: { id: string }) => o.id);

  const key = async (admin: typeof sessions.providerAdmin, orgId: string, scopes: string[]) => {
    const r = await admin.inject({ method: 'POST', url: `/api/orgs/${orgId}/api-keys`, payload: { name: 'matrix', scopes } });
    expect(r.statusCode).toBe(201);
    return r.json().secret as string;
  };
  const all = ['org:read', 'org:write', 'members:read', 'members:write', 'achievements:read', 'achievements:write', 'credentials:read', 'credentials:issue', 'credentials:revoke'];
  const keyAll = await key(sessions.providerAdmin, lumiere, all);
  const keyRead = await key(sessions.providerAdmin, lumiere, ['org:read']);
  const foreign = await key(sessions.foreignProviderAdmin, northbridge, all);
  const bearer = (secret: string): Caller => (o) => t.app.inject({ ...o, headers: { authorization: `Bearer ${secret}`, ...(o.headers ?? {}) } });

  callers = {
    anonymous: (o) => t.app.inject(o),
    ...(Object.fromEntries(Object.entries(sessions).map(([k, s]) => [k, s.inject])) as Record<keyof typeof sessions, Caller>),
    keyAllScopes: bearer(keyAll),
    keyReadOnly: bearer(keyRead),
    foreignKey: bearer(foreign),
  };
});

afterAll(() => t?.close());

let uniq = 0;
/** Requests are built lazily: org ids are known only after seeding. */
const ENDPOINTS: { name: string; req: () => InjectOptions; expect: Record<ActorName, number> }[] = [
  {
    name: 'GET /api/me',
    req: () => ({ url: '/api/me' }),
    expect: { anonymous: 401, learner: 200, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 200, employerAdmin: 200, qaAdmin: 200, platformAdmin: 200, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'PATCH /api/learner/profile',
    req: () => ({ method: 'PATCH', url: '/api/learner/profile', payload: { headline: 'Still learning' } }),
    expect: { anonymous: 401, learner: 200, providerAdmin: 403, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'GET /api/orgs',
    req: () => ({ url: '/api/orgs' }),
    expect: { anonymous: 401, learner: 200, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 200, employerAdmin: 200, qaAdmin: 200, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 200, foreignKey: 200 },
  },
  {
    name: 'POST /api/orgs',
    req: () => ({ method: 'POST', url: '/api/orgs', payload: { name: `Matrix Org ${++uniq}`, kind: 'provider' } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 403, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 201, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'GET /api/orgs/:lumiere',
    req: () => ({ url: `/api/orgs/${lumiere}` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 200, foreignKey: 403 },
  },
  {
    name: 'PATCH /api/orgs/:lumiere',
    req: () => ({ method: 'PATCH', url: `/api/orgs/${lumiere}`, payload: { country: 'FR' } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'GET /api/orgs/:lumiere/members',
    req: () => ({ url: `/api/orgs/${lumiere}/members` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'POST /api/orgs/:lumiere/members',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/members`, payload: { email: 'pierre.lambert@learners.example', role: 'staff' } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 201, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 201, keyAllScopes: 201, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    // An unknown member: those allowed learn it is not there (404); the others learn nothing (403).
    name: 'DELETE /api/orgs/:lumiere/members/:unknown',
    req: () => ({ method: 'DELETE', url: `/api/orgs/${lumiere}/members/${randomUUID()}` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 404, keyAllScopes: 404, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'GET /api/orgs/:lumiere/api-keys',
    req: () => ({ url: `/api/orgs/${lumiere}/api-keys` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'POST /api/orgs/:lumiere/api-keys',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/api-keys`, payload: { name: 'another', scopes: ['org:read'] } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 201, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'DELETE /api/orgs/:lumiere/api-keys/:unknown',
    req: () => ({ method: 'DELETE', url: `/api/orgs/${lumiere}/api-keys/${randomUUID()}` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
];

const achievementBody = () => ({
  name: `Matrix badge ${++uniq}`,
  description: 'd',
  criteria: { narrative: 'n' },
  learningOutcomes: ['o'],
  workload: { hours: 1 },
  assessment: 'a',
  participation: 'online',
  qualityAssurance: 'q',
});

ENDPOINTS.push(
  {
    name: 'GET /api/catalogue/achievements (public)',
    req: () => ({ url: '/api/catalogue/achievements' }),
    expect: { anonymous: 200, learner: 200, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 200, employerAdmin: 200, qaAdmin: 200, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 200, foreignKey: 200 },
  },
  {
    name: 'GET /api/orgs/:lumiere/achievements',
    req: () => ({ url: `/api/orgs/${lumiere}/achievements` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'POST /api/orgs/:lumiere/achievements',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/achievements`, payload: achievementBody() }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 201, providerStaff: 201, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 201, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'PUT /api/orgs/:lumiere/achievements/:unknown',
    req: () => ({ method: 'PUT', url: `/api/orgs/${lumiere}/achievements/${randomUUID()}`, payload: achievementBody() }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 404, keyReadOnly: 403, foreignKey: 403 },
  },
);

ENDPOINTS.push(
  {
    name: 'GET /api/orgs/:lumiere/credentials',
    req: () => ({ url: `/api/orgs/${lumiere}/credentials` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    // An unknown achievement: those allowed to issue learn it is not there (404).
    name: 'POST /api/orgs/:lumiere/credentials',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/credentials`, payload: { achievementId: randomUUID(), recipient: { name: 'R', email: 'r@example.org' } } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 404, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'POST /api/orgs/:lumiere/credentials/:unknown/status',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/credentials/${randomUUID()}/status`, payload: { action: 'revoke' } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 404, keyReadOnly: 403, foreignKey: 403 },
  },
  ...(['suspend', 'reinstate'] as const).map((action) => ({
    // Suspension and reinstatement are status changes, held to the same rule as revocation (scope credentials:revoke).
    name: `POST /api/orgs/:lumiere/credentials/:unknown/status (${action})`,
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/credentials/${randomUUID()}/status`, payload: { action } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 404, keyReadOnly: 403, foreignKey: 403 },
  })),
  {
    name: 'GET /api/learner/credentials',
    req: () => ({ url: '/api/learner/credentials' }),
    expect: { anonymous: 401, learner: 200, providerAdmin: 403, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
);

const programmeBody = () => ({
  definition: { title: `Matrix programme ${++uniq}`, description: 'd', learningOutcomes: ['o'], totalEcts: 5, rules: [{ type: 'all', achievementIds: [randomUUID()] }] },
});
const learnerOnly = { anonymous: 401, learner: 200, providerAdmin: 403, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 };

ENDPOINTS.push(
  {
    name: 'GET /api/programmes (public)',
    req: () => ({ url: '/api/programmes' }),
    expect: { anonymous: 200, learner: 200, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 200, employerAdmin: 200, qaAdmin: 200, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 200, foreignKey: 200 },
  },
  {
    name: 'GET /api/programmes/:unknown (public)',
    req: () => ({ url: `/api/programmes/${randomUUID()}` }),
    expect: { anonymous: 404, learner: 404, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 404, employerAdmin: 404, qaAdmin: 404, platformAdmin: 404, keyAllScopes: 404, keyReadOnly: 404, foreignKey: 404 },
  },
  {
    name: 'GET /api/programme-partners',
    req: () => ({ url: '/api/programme-partners' }),
    expect: { anonymous: 401, learner: 200, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 200, employerAdmin: 200, qaAdmin: 200, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 200, foreignKey: 200 },
  },
  {
    name: 'GET /api/orgs/:lumiere/programmes',
    req: () => ({ url: `/api/orgs/${lumiere}/programmes` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'GET /api/orgs/:lumiere/programmes/:unknown',
    req: () => ({ url: `/api/orgs/${lumiere}/programmes/${randomUUID()}` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 404, keyAllScopes: 404, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    // An unknown programme: provider people and keys that may edit learn it is not there.
    name: 'PUT /api/orgs/:lumiere/programmes/:unknown',
    req: () => ({ method: 'PUT', url: `/api/orgs/${lumiere}/programmes/${randomUUID()}`, payload: programmeBody() }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 404, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'POST /api/orgs/:lumiere/programmes/:unknown/status',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/programmes/${randomUUID()}/status`, payload: { status: 'published' } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 404, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'GET /api/orgs/:lumiere/commitments',
    req: () => ({ url: `/api/orgs/${lumiere}/commitments` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    // Only the partner's own people decide; not the platform operator, not a key.
    name: 'POST /api/orgs/:lumiere/commitments/:unknown/decision',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/commitments/${randomUUID()}/decision`, payload: { decision: 'confirmed' } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'GET /api/orgs/:lumiere/recognition',
    req: () => ({ url: `/api/orgs/${lumiere}/recognition` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'POST /api/orgs/:lumiere/recognition/:unknown/withdraw',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/recognition/${randomUUID()}/withdraw` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  { name: 'GET /api/learner/programmes', req: () => ({ url: '/api/learner/programmes' }), expect: learnerOnly },
  { name: 'GET /api/learner/transcript', req: () => ({ url: '/api/learner/transcript' }), expect: learnerOnly },
);

const learnerOnlyMissing = { ...learnerOnly, learner: 404 };

// The learner's wallet, skills profile and pathways: their own data only, never an organisation's or a key's.
ENDPOINTS.push(
  { name: 'GET /api/learner/wallet', req: () => ({ url: '/api/learner/wallet' }), expect: learnerOnly },
  { name: 'GET /api/learner/shares', req: () => ({ url: '/api/learner/shares' }), expect: learnerOnly },
  { name: 'GET /api/learner/credentials/:unknown/files/pdf', req: () => ({ url: `/api/learner/credentials/${randomUUID()}/files/pdf` }), expect: learnerOnlyMissing },
  { name: 'POST /api/learner/credentials/:unknown/shares', req: () => ({ method: 'POST', url: `/api/learner/credentials/${randomUUID()}/shares`, payload: { nameDisplay: 'full' } }), expect: learnerOnlyMissing },
  { name: 'POST /api/learner/shares/:unknown/revoke', req: () => ({ method: 'POST', url: `/api/learner/shares/${randomUUID()}/revoke` }), expect: learnerOnlyMissing },
  { name: 'GET /api/learner/skills', req: () => ({ url: '/api/learner/skills' }), expect: learnerOnly },
  { name: 'GET /api/learner/imports', req: () => ({ url: '/api/learner/imports' }), expect: learnerOnly },
  { name: 'DELETE /api/learner/imports/:unknown', req: () => ({ method: 'DELETE', url: `/api/learner/imports/${randomUUID()}` }), expect: learnerOnlyMissing },
  { name: 'GET /api/learner/gap (unknown target)', req: () => ({ url: '/api/learner/gap?target=urn:none' }), expect: learnerOnlyMissing },
  {
    name: 'GET /api/public/shares/:unknown',
    req: () => ({ url: '/api/public/shares/AAAAAAAAAAAAAAAAAAAAAA' }),
    expect: { anonymous: 404, learner: 404, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 404, employerAdmin: 404, qaAdmin: 404, platformAdmin: 404, keyAllScopes: 404, keyReadOnly: 404, foreignKey: 404 },
  },  // The transparency log is public to everyone, signed in or not (hashes only, no personal data).
  { name: 'GET /api/log (public)', req: () => ({ url: '/api/log' }), expect: { anonymous: 200, learner: 200, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 200, employerAdmin: 200, qaAdmin: 200, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 200, foreignKey: 200 } },
  { name: 'GET /api/log/credentials/:idHash (public)', req: () => ({ url: `/api/log/credentials/${'ab'.repeat(32)}` }), expect: { anonymous: 200, learner: 200, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 200, employerAdmin: 200, qaAdmin: 200, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 200, foreignKey: 200 } },
  { name: 'GET /api/log/search (public, unknown)', req: () => ({ url: `/api/log/search?q=${'ab'.repeat(32)}` }), expect: { anonymous: 404, learner: 404, providerAdmin: 404, providerStaff: 404, foreignProviderAdmin: 404, employerAdmin: 404, qaAdmin: 404, platformAdmin: 404, keyAllScopes: 404, keyReadOnly: 404, foreignKey: 404 } },
);

// Employer roles: the employer's own members write them; providers, learners and keys do not.
ENDPOINTS.push(
  {
    name: 'GET /api/orgs/:lumiere/roles',
    req: () => ({ url: `/api/orgs/${lumiere}/roles` }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 200, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'POST /api/orgs/:lumiere/roles (a provider is no employer)',
    req: () => ({ method: 'POST', url: `/api/orgs/${lumiere}/roles`, payload: { title: 'Analyst', skills: [{ uri: 'urn:x:skill', label: 'x' }] } }),
    expect: { anonymous: 401, learner: 403, providerAdmin: 403, providerStaff: 403, foreignProviderAdmin: 403, employerAdmin: 403, qaAdmin: 403, platformAdmin: 403, keyAllScopes: 403, keyReadOnly: 403, foreignKey: 403 },
  },
  {
    name: 'GET /api/roles (public)',
    req: () => ({ url: '/api/roles' }),
    expect: { anonymous: 200, learner: 200, providerAdmin: 200, providerStaff: 200, foreignProviderAdmin: 200, employerAdmin: 200, qaAdmin: 200, platformAdmin: 200, keyAllScopes: 200, keyReadOnly: 200, foreignKey: 200 },
  },
);

describe('the authorisation matrix', () => {
  for (const ep of ENDPOINTS) {
    describe(ep.name, () => {
      for (const actor of ACTORS) {
        const want = ep.expect[actor];
        it(`answers ${want} to ${actor}`, async () => {
          const res = await callers[actor](ep.req());
          expect(res.statusCode, res.body).toBe(want);
          if (want >= 400) {
            expect(res.headers['content-type']).toContain('application/problem+json');
            const body = res.json();
            expect(body.code).toBe({ 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found' }[want]);
            // A denial carries nothing of the organisation it protects.
            expect(res.body).not.toContain('Lumière');
          }
        });
      }
    });
  }
});

describe('when listing organisations', () => {
  const ids = async (actor: ActorName) => (await callers[actor]({ url: '/api/orgs' })).json().items.map((o: { id: string }) => o.id).sort();

  it('shows each caller only their own tenants', async () => {
    expect(await ids('learner')).toEqual([]);
    expect(await ids('providerAdmin')).toEqual([lumiere]);
    expect(await ids('foreignProviderAdmin')).toEqual([northbridge]);
    expect(await ids('keyReadOnly')).toEqual([lumiere]);
    expect(await ids('foreignKey')).toEqual([northbridge]);
  });

  it('shows the platform admin every organisation', async () => {
    const got = await ids('platformAdmin');
    for (const id of allOrgIds) expect(got).toContain(id);
  });
});

describe('when the organisation does not exist', () => {
  it('tells a non-member 403, the same as for an existing one, so existence does not leak', async () => {
    const res = await callers.foreignProviderAdmin({ url: `/api/orgs/${randomUUID()}` });
    expect(res.statusCode).toBe(403);
  });

  it('tells the platform admin 404', async () => {
    const res = await callers.platformAdmin({ url: `/api/orgs/${randomUUID()}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});
