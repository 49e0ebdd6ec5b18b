import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/server/context.js';
import { skillsRoutes } from '../../src/server/routes/skills.js';
import { ensureDemoTaxonomy } from '../../src/taxonomy/index.js';
import { testApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  // Until app.ts registers these routes itself.
  if (!t.app.hasRoute({ method: 'GET', url: '/api/skills' })) skillsRoutes(t.app, { config: t.config, database: t.database } as AppContext); // the routes read only these two
  await ensureDemoTaxonomy(t.database.db);
});
afterAll(() => t.close());

describe('when skills are searched over HTTP', () => {
  it('answers ranked hits, typos included', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/skills?q=kubernets&limit=3' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ taxonomy: 'demo-1', items: [{ label: 'Kubernetes' }] });
    expect(res.json().items.length).toBeLessThanOrEqual(3);
  });
  it('rejects a missing query as a problem document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/skills' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('invalid_request');
  });
});

describe('when a text is posted for extraction', () => {
  it('returns skills with evidence spans into that text', async () => {
    const text = 'Course outcomes: learners write SQL queries and build dashboards.';
    const res = await t.app.inject({ method: 'POST', url: '/api/skills/extract', payload: { text, top: 5 } });
    expect(res.statusCode).toBe(200);
    const skills = res.json().skills as { label: string; evidence: { start: number; end: number; text: string }[] }[];
    expect(skills.map((s) => s.label)).toEqual(expect.arrayContaining(['SQL', 'data visualisation']));
    for (const s of skills) for (const e of s.evidence) expect(text.slice(e.start, e.end)).toBe(e.text);
  });
});

describe('when occupations are looked up', () => {
  it('matches a title and serves the weighted profile by id', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/occupations?q=devops%20engineer' });
    const [first] = res.json().items;
    expect(first.label).toBe('DevOps engineer');
    const profile = await t.app.inject({ method: 'GET', url: `/api/occupations/${encodeURIComponent(first.uri)}/profile` });
    expect(profile.statusCode).toBe(200);
    const skills = profile.json().skills as { relation: string; weight: number }[];
    expect(skills[0]).toMatchObject({ relation: 'essential', weight: 1 });
    expect(skills.at(-1)).toMatchObject({ relation: 'optional', weight: 0.5 });
  });
  it('answers 404 for an unknown occupation', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/occupations/nope/profile' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not_found');
  });
});

describe('when many postings are profiled', () => {
  it('counts postings per skill', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/skills/demand', payload: { postings: ['SQL, Python', 'SQL and Excel'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json().skills.find((s: { label: string }) => s.label === 'SQL')).toMatchObject({ count: 2, share: 1 });
  });
});
