import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

let t: TestApp;
let provider: Session;
let orgId: string;

const definition = () => ({
  name: 'Données ouvertes & IA ® — 中文 module',
  description: 'Use open data responsibly.',
  criteria: { narrative: 'Pass the exam.' },
  learningOutcomes: ['Find and assess open datasets'],
  workload: { hours: 30 },
  assessment: 'Online exam',
  participation: 'online',
  qualityAssurance: 'Internal QA',
  alignments: [{ targetName: 'statistics', targetUrl: 'http://data.europa.eu/esco/skill/7ee4c2ea-b349-4bd2-81a3-ec31475d4833', targetFramework: 'ESCO' }],
});

beforeAll(async () => {
  t = await testApp({ demo: true });
  provider = await signIn(t.app, 'teacher@lumiere.example');
  orgId = provider.me.memberships[0]!.orgId;
});
afterAll(() => t?.close());

describe('when a provider defines an achievement', () => {
  it('stores it as a draft at version 1 with defaults applied', async () => {
    const res = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: definition() });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({ status: 'draft', version: 1, definition: { name: definition().name, achievementType: 'MicroCredential', inLanguage: ['en'] } });
  });

  it('takes prerequisite achievements by id, refusing unknown ones and itself by field', async () => {
    const first = (await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: definition() })).json();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const bad = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: { ...definition(), prerequisiteAchievements: [first.id, unknown] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'body.prerequisiteAchievements.1', message: 'No achievement has this id.' }]);
    const ok = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: { ...definition(), prerequisiteAchievements: [first.id] } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().definition.prerequisiteAchievements).toEqual([first.id]);
    const self = await provider.inject({ method: 'PUT', url: `/api/orgs/${orgId}/achievements/${ok.json().id}`, payload: { ...definition(), prerequisiteAchievements: [ok.json().id] } });
    expect(self.statusCode).toBe(400);
    expect(self.json().errors[0]).toMatchObject({ path: 'body.prerequisiteAchievements.0', message: 'An achievement cannot be its own prerequisite.' });
  });

  it('names every missing mandatory EU element', async () => {
    const { learningOutcomes: _l, workload: _w, assessment: _a, participation: _p, qualityAssurance: _q, ...rest } = definition();
    const res = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: rest });
    expect(res.statusCode).toBe(400);
    const paths = res.json().errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.learningOutcomes', 'body.workload', 'body.assessment', 'body.participation', 'body.qualityAssurance']));
  });

  it('requires the workload in ECTS or hours', async () => {
    const res = await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: { ...definition(), workload: {} } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'body.workload', message: 'Give the workload in ECTS credits, hours, or both.' }]);
  });
});

describe('when an achievement is revised', () => {
  it('keeps every version retrievable', async () => {
    const created = (await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: definition() })).json();
    const url = `/api/orgs/${orgId}/achievements/${created.id}`;
    const v2 = await provider.inject({ method: 'PUT', url, payload: { ...definition(), name: 'Renamed', workload: { ects: 2 } } });
    expect(v2.json()).toMatchObject({ version: 2, definition: { name: 'Renamed' } });
    expect((await provider.inject({ url: `${url}?version=1` })).json().definition.name).toBe(definition().name);
    expect((await provider.inject({ url })).json().version).toBe(2);
    const versions = (await provider.inject({ url: `${url}/versions` })).json().items;
    expect(versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([[2, 'Renamed'], [1, definition().name]]);
    expect((await provider.inject({ url: `${url}?version=3` })).statusCode).toBe(404);
  });

  it('refuses changes once archived', async () => {
    const created = (await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: definition() })).json();
    const url = `/api/orgs/${orgId}/achievements/${created.id}`;
    expect((await provider.inject({ method: 'POST', url: `${url}/status`, payload: { status: 'archived' } })).json().status).toBe('archived');
    const res = await provider.inject({ method: 'PUT', url, payload: definition() });
    expect(res.statusCode).toBe(409);
  });
});

describe('the public catalogue', () => {
  it('lists published achievements of every provider, and no drafts', async () => {
    const draft = (await provider.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: { ...definition(), name: 'Secret draft' } })).json();
    const res = await t.app.inject({ url: '/api/catalogue/achievements' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    const providers = new Set(items.map((i: { provider: { slug: string } }) => i.provider.slug));
    expect(providers).toEqual(new Set(['lumiere', 'northbridge', 'skillforge']));
    expect(items.some((i: { id: string }) => i.id === draft.id)).toBe(false);
    expect(items.every((i: { status: string }) => i.status === 'published')).toBe(true);
  });
});

describe('who may define achievements', () => {
  it('is only members of a provider organisation', async () => {
    const employer = await signIn(t.app, 'admin@helix.example');
    const helix = employer.me.memberships[0]!.orgId;
    const own = await employer.inject({ method: 'POST', url: `/api/orgs/${helix}/achievements`, payload: definition() });
    expect(own.statusCode).toBe(403);
    const foreign = await employer.inject({ method: 'POST', url: `/api/orgs/${orgId}/achievements`, payload: definition() });
    expect(foreign.statusCode).toBe(403);
  });
});
