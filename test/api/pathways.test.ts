import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSkillUri, ensureDemoTaxonomy } from '../../src/taxonomy/index.js';
import { seedDemoProgrammes } from '../../src/demo/index.js';
import { signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

/** The learner's skills profile, the gap to an occupation and the pathway that closes it. */

let t: TestApp;
let learner: Session;
let catalogue: { id: string; orgId: string; definition: { humanCode?: string; name: string; price?: { amount: number }; participation: string } }[];
const EMAIL = 'pathway.learner@learners.example';
const PASSWORD = 'a long passphrase 42';
const DATA_ANALYST = 'urn:microcred:taxonomy:demo-1:occupation:data-analyst';

beforeAll(async () => {
  t = await testApp({ demo: true });
  await ensureDemoTaxonomy(t.database.db);
  await seedDemoProgrammes(t.app.services.issuance);
  const up = await t.app.inject({ method: 'POST', url: '/api/auth/sign-up', payload: { email: EMAIL, password: PASSWORD, name: 'Ines Duarte', account: 'learner' } });
  expect(up.statusCode, up.body).toBe(201);
  learner = await signIn(t.app, EMAIL, PASSWORD);
  catalogue = (await t.app.inject({ url: '/api/catalogue/achievements' })).json().items;
  // The learner holds the demo "Data Analysis with Python" credential.
  const provider = await signIn(t.app, 'teacher@lumiere.example');
  const a = catalogue.find((x) => x.definition.humanCode === 'LUM-DATA-101')!;
  const issued = await provider.inject({ method: 'POST', url: `/api/orgs/${a.orgId}/credentials`, payload: { achievementId: a.id, recipient: { name: 'Ines Duarte', email: EMAIL } } });
  expect(issued.statusCode, issued.body).toBe(201);
});
afterAll(() => t?.close());

const profile = async () => (await learner.inject({ url: '/api/learner/skills' })).json().items as any[];

describe('the skills profile', () => {
  it('holds the skills of valid credentials as verified, with their evidence, not editable', async () => {
    const stats = (await profile()).find((s) => s.uri === demoSkillUri('statistics'));
    expect(stats).toMatchObject({ kind: 'credential', verified: true, strength: 1, editable: false });
    expect(stats.evidence[0]).toMatchObject({ kind: 'credential', issuerName: 'Université de Lumière', achievementName: expect.stringContaining('Python') });
  });

  it('takes self-declared skills with a level, refuses unknown ones by field, and removes only claims', async () => {
    const sql = demoSkillUri('SQL');
    const declared = await learner.inject({ method: 'POST', url: '/api/learner/skills', payload: { uri: sql, level: 3 } });
    expect(declared.statusCode, declared.body).toBe(200);
    expect(declared.json().items.find((s: { uri: string }) => s.uri === sql)).toMatchObject({ kind: 'self', level: 3, verified: false, editable: true });

    const unknown = await learner.inject({ method: 'POST', url: '/api/learner/skills', payload: { uri: 'urn:nothing:here' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors[0].path).toBe('body.uri');

    const verifiedOnly = await learner.inject({ method: 'DELETE', url: `/api/learner/skills?uri=${encodeURIComponent(demoSkillUri('statistics'))}` });
    expect(verifiedOnly.statusCode).toBe(404);
    expect((await profile()).some((s) => s.uri === demoSkillUri('statistics'))).toBe(true);
  });

  it('is seeded from a CV, each skill with words of the CV as evidence', async () => {
    const cv = 'Reporting analyst, 2021–2026. I build dashboards and write SQL queries every day, clean messy data and present findings to managers in written reports.';
    const res = await learner.inject({ method: 'POST', url: '/api/learner/skills/from-cv', payload: { text: cv } });
    expect(res.statusCode, res.body).toBe(200);
    const added = res.json().added as { uri: string; snippet: string }[];
    expect(added.length).toBeGreaterThan(1);
    for (const a of added) for (const piece of a.snippet.split(' … ')) expect(cv.toLowerCase()).toContain(piece.toLowerCase());
    const cvSkill = res.json().items.find((s: { kind: string }) => s.kind === 'cv');
    expect(cvSkill).toMatchObject({ verified: false, editable: true, strength: 0.5 });
    const short = await learner.inject({ method: 'POST', url: '/api/learner/skills/from-cv', payload: { text: 'SQL' } });
    expect(short.statusCode).toBe(400);
  });
});

describe('the gap to a target occupation', () => {
  it('splits the occupation’s skills into covered, partly covered and missing, and scores them by the documented formula', async () => {
    const res = await learner.inject({ url: `/api/learner/gap?target=${encodeURIComponent(DATA_ANALYST)}` });
    expect(res.statusCode, res.body).toBe(200);
    const g = res.json();
    expect(g.target).toMatchObject({ kind: 'occupation', label: 'data analyst' });
    expect(g.covered.map((s: { uri: string }) => s.uri)).toContain(demoSkillUri('statistics'));
    // SQL is both self-declared and named in the CV: the CV is the stronger claim.
    expect(g.partial.find((s: { uri: string }) => s.uri === demoSkillUri('SQL'))).toMatchObject({ status: 'partial', coverage: 0.5, via: { relation: 'same', kind: 'cv' } });
    expect(g.missing.length).toBeGreaterThan(0);
    const all = [...g.covered, ...g.partial, ...g.missing];
    const score = Math.round((100 * all.reduce((s: number, x: any) => s + x.weight * x.coverage, 0)) / all.reduce((s: number, x: any) => s + x.weight, 0));
    expect(g.score).toBe(score);
    expect(g.score).toBeGreaterThan(0);
    expect(g.score).toBeLessThan(100);
  });

  it('answers an unknown target with 404', async () => {
    expect((await learner.inject({ url: '/api/learner/gap?target=urn:no:such:occupation' })).statusCode).toBe(404);
  });
});

describe('the pathway', () => {
  const plan = (body: object) => learner.inject({ method: 'POST', url: '/api/learner/pathway', payload: { target: DATA_ANALYST, ...body } });

  it('chooses published achievements the learner does not hold, each covering gap skills, explained, at the cost it states', async () => {
    const res = await plan({});
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    expect(p.optimal).toBe(true);
    expect(p.steps.length).toBeGreaterThan(0);
    const held = catalogue.find((x) => x.definition.humanCode === 'LUM-DATA-101')!.id;
    expect(p.steps.map((s: { achievementId: string }) => s.achievementId)).not.toContain(held);
    for (const s of p.steps) {
      expect(s.covers.length).toBeGreaterThan(0);
      expect(s.explanation).toContain(s.name);
    }
    expect(p.price).toBe(p.steps.reduce((sum: number, s: { price: number }) => sum + s.price, 0));
    // Nothing in the plan could be dropped without losing coverage (it is minimal for its coverage).
    const gapUris = new Set([...p.gap.partial, ...p.gap.missing].map((s: { uri: string }) => s.uri));
    for (const s of p.steps) {
      const others = new Set(p.steps.filter((o: any) => o !== s).flatMap((o: any) => o.covers.map((c: any) => c.uri)));
      expect(s.covers.some((c: { uri: string }) => gapUris.has(c.uri) && !others.has(c.uri))).toBe(true);
    }
  });

  it('keeps to the budget and says what stays uncovered and why', async () => {
    const p = (await plan({ budget: 300 })).json();
    expect(p.price).toBeLessThanOrEqual(300);
    expect(p.uncovered.length).toBeGreaterThan(0);
    expect(p.uncovered[0].reason).toMatch(/\w/);
  });

  it('takes only online achievements when asked', async () => {
    const p = (await plan({ onlineOnly: true })).json();
    expect(p.steps.length).toBeGreaterThan(0);
    for (const s of p.steps) expect(s.participation).toBe('online');
  });

  it('completes a programme when asked: the cheapest completion first, then the rest of the gap', async () => {
    const programmes = (await t.app.inject({ url: '/api/programmes' })).json().items;
    const prog = programmes.find((p: { definition: { humanCode?: string } }) => p.definition.humanCode === 'LUM-NIT-DA');
    const code = (id: string) => catalogue.find((a) => a.id === id)?.definition.humanCode;
    const res = await plan({ programmeId: prog.id });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json();
    // Core: SQL for Analysts (the learner holds Data Analysis with Python); specialisation: the cheaper 5 ECTS (cloud security, not ML).
    expect(p.programme.achievements.map(code).sort()).toEqual(['NIT-CYB-110', 'NIT-DATA-105']);
    expect(p.steps.slice(0, 2).map((s: { achievementId: string }) => code(s.achievementId)).sort()).toEqual(['NIT-CYB-110', 'NIT-DATA-105']);
    for (const s of p.steps.slice(0, 2)) expect(s.reason).toMatch(/^completes Data Analytics Professional Programme/);
    expect(p.price).toBe(p.steps.reduce((sum: number, s: { price: number }) => sum + s.price, 0));
    const tooPoor = await plan({ programmeId: prog.id, budget: 100 });
    expect(tooPoor.statusCode).toBe(400);
    expect(tooPoor.json().errors[0].path).toBe('body.programmeId');
  });

  it('fits hours a week and a deadline: total hours within them, nothing longer than the weeks left', async () => {
    const inWeeks = (w: number) => new Date(Date.now() + w * 7 * 86_400_000 + 86_400_000).toISOString().slice(0, 10);
    const p = (await plan({ hoursPerWeek: 10, deadline: inWeeks(5) })).json();
    expect(p.hours).toBeLessThanOrEqual(50);
    expect(p.steps.length).toBeGreaterThan(0);
    for (const s of p.steps) expect(s.durationWeeks ?? 0).toBeLessThanOrEqual(5);
    const past = await plan({ hoursPerWeek: 10, deadline: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    expect(past.json().errors[0].path).toBe('body.deadline');
  });

  it('puts a prerequisite before the achievement that needs it, and says so', async () => {
    const zoe = await signIn(t.app, 'zoe.muller@learners.example');
    const res = await zoe.inject({ method: 'POST', url: '/api/learner/pathway', payload: { target: 'urn:microcred:taxonomy:demo-1:occupation:data-scientist' } });
    expect(res.statusCode, res.body).toBe(200);
    const code = (id: string) => catalogue.find((a) => a.id === id)?.definition.humanCode;
    const order = res.json().steps.map((s: { achievementId: string }) => code(s.achievementId));
    expect(order).toContain('LUM-ML-201');
    expect(order.indexOf('LUM-DATA-101')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('LUM-DATA-101')).toBeLessThan(order.indexOf('LUM-ML-201'));
    const ml = res.json().steps.find((s: { achievementId: string }) => code(s.achievementId) === 'LUM-ML-201');
    expect(ml.reason).toMatch(/take it after Analyse de données avec Python/);
  });

  it('refuses a negative budget by field', async () => {
    const res = await plan({ budget: -5 });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('body.budget');
  });
});
