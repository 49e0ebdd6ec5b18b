import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillsFromDemand } from '../../src/roles/index.js';
import { ensureDemoTaxonomy } from '../../src/taxonomy/index.js';
import { signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

/** Employers describe roles by skills from their job postings; learners plan towards published roles. */

let t: TestApp;
let employer: Session;
let orgId: string;

const POSTINGS = [
  'Reporting analyst wanted. You write SQL queries against our warehouse, clean data and build dashboards in a BI tool.',
  'Junior data analyst: SQL and spreadsheets every day; you present findings in written reports to managers.',
  'Analyst for operations: strong SQL, data cleaning and statistics; experience with A/B testing is a plus.',
];

beforeAll(async () => {
  t = await testApp({ demo: true });
  await ensureDemoTaxonomy(t.database.db);
  employer = await signIn(t.app, 'recruiter@helix.example');
  orgId = employer.me.memberships[0]!.orgId;
});
afterAll(() => t?.close());

describe('a role built from job postings', () => {
  let role: any;

  it('takes its skills from the demand over the postings: asked for by at least half of them = essential', async () => {
    const demand = (await employer.inject({ method: 'POST', url: '/api/skills/demand', payload: { postings: POSTINGS } })).json();
    expect(demand.postings).toBe(3);
    const skills = skillsFromDemand(demand.postings, demand.skills);
    const sql = skills.find((s) => s.label === 'SQL');
    expect(sql).toMatchObject({ relation: 'essential', count: 3 });
    for (const s of skills) expect(s.relation).toBe(s.count / 3 >= 0.5 ? 'essential' : 'optional');

    const res = await employer.inject({ method: 'POST', url: `/api/orgs/${orgId}/roles`, payload: { title: 'Reporting analyst', postings: 3, skills } });
    expect(res.statusCode, res.body).toBe(201);
    role = res.json();
    expect(role).toMatchObject({ status: 'draft', target: `role:${role.id}`, postings: 3 });
  });

  it('is refused with field errors when it has no skills or a skill twice', async () => {
    const none = await employer.inject({ method: 'POST', url: `/api/orgs/${orgId}/roles`, payload: { title: 'Empty', skills: [] } });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0].path).toBe('body.skills');
    const twice = await employer.inject({ method: 'POST', url: `/api/orgs/${orgId}/roles`, payload: { title: 'Twice', skills: [role.skills[0], role.skills[0]] } });
    expect(twice.statusCode).toBe(400);
  });

  it('is not public as a draft, and is once published', async () => {
    const before = (await t.app.inject({ url: '/api/roles' })).json().items.map((r: { id: string }) => r.id);
    expect(before).not.toContain(role.id);
    expect((await t.app.inject({ url: `/api/roles/${role.id}` })).statusCode).toBe(404);
    const put = await employer.inject({ method: 'PUT', url: `/api/orgs/${orgId}/roles/${role.id}`, payload: { title: role.title, postings: 3, skills: role.skills, status: 'published' } });
    expect(put.statusCode, put.body).toBe(200);
    const found = (await t.app.inject({ url: '/api/roles?q=reporting' })).json().items;
    expect(found.map((r: { id: string }) => r.id)).toEqual([role.id]);
    expect(found[0].employer.name).toBe('Helix Health GmbH');
  });

  it('is a pathway target whose plan says how many postings asked for each skill', async () => {
    const learner = await signIn(t.app, 'amara.okafor@learners.example');
    const gap = (await learner.inject({ url: `/api/learner/gap?target=role:${role.id}` })).json();
    expect(gap.target).toMatchObject({ kind: 'role', label: 'Reporting analyst', employer: 'Helix Health GmbH', postings: 3 });
    const plan = (await learner.inject({ method: 'POST', url: '/api/learner/pathway', payload: { target: `role:${role.id}` } })).json();
    expect(plan.steps.length).toBeGreaterThan(0);
    expect(plan.steps.map((s: { explanation: string }) => s.explanation).join(' ')).toMatch(/SQL \(asked for in 3 of 3 postings for this role\)/);
  });

  it('belongs to its employer: a provider cannot write roles, another employer cannot change this one', async () => {
    const provider = await signIn(t.app, 'admin@lumiere.example');
    const providerOrg = provider.me.memberships[0]!.orgId;
    expect((await provider.inject({ method: 'POST', url: `/api/orgs/${providerOrg}/roles`, payload: { title: 'x', skills: role.skills } })).statusCode).toBe(403);
    const other = await signIn(t.app, 'admin@orbital.example');
    expect((await other.inject({ method: 'PUT', url: `/api/orgs/${orgId}/roles/${role.id}`, payload: { title: 'Hijacked', skills: role.skills } })).statusCode).toBe(403);
  });

  it('the demo employers have published roles on a fresh start', async () => {
    const titles = (await t.app.inject({ url: '/api/roles' })).json().items.map((r: { title: string }) => r.title);
    expect(titles).toEqual(expect.arrayContaining(['Health data analyst', 'Supply chain analyst']));
  });
});
