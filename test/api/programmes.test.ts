import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validate } from '../../src/credentials/index.js';
import { schema } from '../../src/db/index.js';
import { DEMO_GRADUATE, seedDemoProgrammes } from '../../src/demo/index.js';
import { issueCredential } from '../../src/issuance/index.js';
import { awardAllCompleted, awardCompletedProgrammes, awardKey, learnerProgress } from '../../src/programmes/index.js';
import { signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

let t: TestApp;
let lumiere: Session;
let helix: Session;
let graduate: Session;
let orgs: Record<string, string>;
let catalogue: { id: string; orgId: string; definition: { humanCode?: string; name: string } }[];
const ach = (code: string) => catalogue.find((a) => a.definition.humanCode === code)!;
let seeded: number;

beforeAll(async () => {
  t = await testApp({ demo: true });
  seeded = await seedDemoProgrammes(t.app.services.issuance);
  lumiere = await signIn(t.app, 'admin@lumiere.example');
  helix = await signIn(t.app, 'recruiter@helix.example');
  graduate = await signIn(t.app, DEMO_GRADUATE.email);
  const admin = await signIn(t.app, 'admin@microcred.example');
  orgs = Object.fromEntries((await admin.inject({ url: '/api/orgs' })).json().items.map((o: { slug: string; id: string }) => [o.slug, o.id]));
  catalogue = (await t.app.inject({ url: '/api/catalogue/achievements' })).json().items;
}, 60_000);
afterAll(() => t?.close());

const verifyDoc = (doc: unknown) => t.app.inject({ method: 'POST', url: '/api/verify', payload: doc as object });

describe('the demo programme', () => {
  it('is public with its confirmed commitments only', async () => {
    const list = (await t.app.inject({ url: '/api/programmes' })).json().items;
    expect(list).toHaveLength(1);
    const p = list[0];
    expect(p.definition.title).toBe('Data Analytics Professional Programme');
    expect(p.owners.map((o: { slug: string }) => o.slug)).toEqual(['lumiere', 'northbridge']);
    expect(p.commitments.map((c: { kind: string; partner: { slug: string } }) => `${c.kind}:${c.partner.slug}`).sort()).toEqual(['credit_recognition:lumiere', 'guaranteed_interview:helix']);
    expect(p.achievements[ach('LUM-ML-201').id]).toMatchObject({ ects: 6 });
  });

  it('was completed by the demo graduate, whose programme credential was issued automatically with its components as evidence', async () => {
    expect(seeded).toBe(4); // three components and the programme credential
    const wallet = (await graduate.inject({ url: '/api/learner/credentials' })).json().items;
    expect(wallet).toHaveLength(4);
    const prog = wallet.find((c: { credential: { credentialSubject: { achievement: { achievementType: string } } } }) => c.credential.credentialSubject.achievement.achievementType === 'LearningProgram');
    expect(prog).toBeDefined();
    const doc = prog.credential;
    const components = wallet.filter((c: { id: string }) => c.id !== prog.id).map((c: { credential: { id: string } }) => c.credential.id).sort();
    expect(doc.evidence.map((e: { id: string }) => e.id).sort()).toEqual(components);
    expect(doc.evidence[0].type).toEqual(['Evidence']);
    expect(doc.credentialSubject.achievement.creditsAvailable).toBe(12);
    const res = await verifyDoc(doc);
    expect(res.json().checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    expect(res.json().verified).toBe(true);
    const v = await validate(doc);
    expect(v.violations).toEqual([]);
    expect(v.conforms).toBe(true);
    // The OB 3.0 JSON Schema check ran as part of verify():
    expect(res.json().checks.find((c: { id: string }) => c.id === 'schema')).toMatchObject({ ok: true, reason: expect.stringMatching(/^valid against the OB 3.0 JSON schema/) });
  });

  it('shows the graduate complete and another learner rule by rule with what is missing', async () => {
    const mine = (await graduate.inject({ url: '/api/learner/programmes' })).json().items[0];
    expect(mine).toMatchObject({ complete: true, creditsHeld: 11 });
    expect(mine.awardedCredentialId).toMatch(/^[0-9a-f-]{36}$/);
    const other = await signIn(t.app, 'zoe.muller@learners.example');
    const p = (await graduate.inject({ url: '/api/programmes' })).json().items[0];
    const theirs = (await other.inject({ url: `/api/learner/programmes/${p.id}` })).json();
    expect(theirs.complete).toBe(false);
    expect(theirs.rules[0]).toMatchObject({ satisfied: false, held: [], missing: [ach('LUM-DATA-101').id, ach('NIT-DATA-105').id] });
    expect(theirs.rules[1]).toMatchObject({ satisfied: false, required: 5, achieved: 0 });
    // The smallest set: both core courses and the heavier specialisation (6 ECTS covers 5 in one).
    expect(theirs.toComplete.sort()).toEqual([ach('LUM-DATA-101').id, ach('NIT-DATA-105').id, ach('LUM-ML-201').id].sort());
    expect(theirs.awardedCredentialId).toBeNull();
  });

  it('lists the graduate’s credit per degree, counting the programme and not its parts twice', async () => {
    const t1 = (await graduate.inject({ url: '/api/learner/transcript' })).json();
    expect(t1.degrees).toEqual([
      expect.objectContaining({ degree: 'MSc Data Science', institution: expect.objectContaining({ slug: 'lumiere' }), totalEcts: 12, entries: [expect.objectContaining({ kind: 'programme', ects: 12 })] }),
    ]);
  });
});

describe('the API description', () => {
  it('documents the programme endpoints in OpenAPI', async () => {
    const r = await t.app.inject({ url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const paths = Object.keys(r.json().paths);
    for (const p of ['/api/programmes', '/api/orgs/{orgId}/programmes', '/api/orgs/{orgId}/commitments/{commitmentId}/decision', '/api/orgs/{orgId}/recognition', '/api/learner/transcript']) expect(paths).toContain(p);
    expect(Object.keys(r.json().components.schemas)).toEqual(expect.arrayContaining(['Programme', 'ProgrammeRule', 'CreditTranscript']));
  });

  it('seeding the demo programme again issues nothing and adds no programme', async () => {
    expect(await seedDemoProgrammes(t.app.services.issuance)).toBe(0);
    expect((await t.app.inject({ url: '/api/programmes' })).json().items.filter((p: { definition: { title: string } }) => p.definition.title === 'Data Analytics Professional Programme')).toHaveLength(1);
  });
});

describe('stacking, issued once', () => {
  it('issues the programme credential exactly once when the last components arrive concurrently', async () => {
    const email = 'li.ming@learners.example';
    const issue = (code: string) =>
      issueCredential(t.app.services.issuance, { orgId: ach(code).orgId, achievementId: ach(code).id, recipient: { name: 'Li Ming', email }, idempotencyKey: `test:${email}:${code}`, result: code === 'LUM-DATA-101' ? 'A' : code === 'NIT-DATA-105' ? '90' : undefined });
    await issue('LUM-DATA-101');
    await Promise.all([issue('NIT-DATA-105'), issue('NIT-CYB-110'), issue('LUM-ML-201')]);
    const [user] = await t.database.db.select().from(schema.users).where(eq(schema.users.email, email));
    const programme = (await t.app.inject({ url: '/api/programmes' })).json().items[0];
    const awards = await t.database.db.select().from(schema.credentials).where(eq(schema.credentials.achievementId, programme.achievementId));
    const mine = awards.filter((c) => c.recipientEmail === email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.idempotencyKey).toBe(awardKey(programme.id, user!.id));
    // On demand, again: nothing new.
    const s = await signIn(t.app, email);
    const again = (await s.inject({ method: 'POST', url: '/api/learner/programmes/evaluate' })).json();
    expect(again.awarded).toEqual([{ programmeId: programme.id, credentialId: mine[0]!.id, created: false }]);
  });

  it('catches up on a missed award: concurrent checks issue it once, and the start-up sweep finds nothing more', async () => {
    const email = 'ines.carvalho@learners.example';
    // Issued without the hook, as if the process had stopped right after each commit.
    const noHook = { ...t.app.services.issuance, afterIssue: undefined };
    for (const code of ['LUM-DATA-101', 'NIT-DATA-105', 'LUM-ML-201']) {
      await issueCredential(noHook, { orgId: ach(code).orgId, achievementId: ach(code).id, recipient: { name: 'Inês Carvalho', email }, result: code === 'LUM-DATA-101' ? 'A' : code === 'NIT-DATA-105' ? '80' : undefined });
    }
    const [user] = await t.database.db.select().from(schema.users).where(eq(schema.users.email, email));
    const runs = await Promise.all([1, 2, 3].map(() => awardCompletedProgrammes(t.app.services.issuance, user!.id)));
    const created = runs.flat().filter((a) => a.created);
    expect(created).toHaveLength(1);
    expect(new Set(runs.flat().map((a) => a.credentialId)).size).toBe(1);
    expect((await awardAllCompleted(t.app.services.issuance)).filter((a) => a.created)).toEqual([]);
  });

  it('does not count a revoked component', async () => {
    const email = 'ngugi.wa.kamau@learners.example';
    const base = { recipient: { name: 'Ngũgĩ wa Kamau', email } };
    const data = await issueCredential(t.app.services.issuance, { ...base, orgId: ach('LUM-DATA-101').orgId, achievementId: ach('LUM-DATA-101').id, result: 'C' });
    const r = await lumiere.inject({ method: 'POST', url: `/api/orgs/${orgs.lumiere}/credentials/${data.credential.id}/status`, payload: { action: 'revoke' } });
    expect(r.statusCode).toBe(200);
    for (const code of ['NIT-DATA-105', 'NIT-CYB-110']) {
      await issueCredential(t.app.services.issuance, { ...base, orgId: ach(code).orgId, achievementId: ach(code).id, result: code === 'NIT-DATA-105' ? '75' : undefined });
    }
    const [user] = await t.database.db.select().from(schema.users).where(eq(schema.users.email, email));
    const [s] = await learnerProgress(t.database.db, user!.id, new Date());
    expect(s!.progress.complete).toBe(false);
    expect(s!.progress.rules[0]!.missing).toEqual([ach('LUM-DATA-101').id]);
    expect(s!.awardedCredentialId).toBeNull();
  });
});

describe('defining programmes and commitments', () => {
  let programmeId: string;
  const definition = () => ({
    title: 'Project Leadership Programme',
    description: 'Agile and supply-chain courses stacked.',
    learningOutcomes: ['Lead projects'],
    totalEcts: 7,
    rules: [{ type: 'n_of', n: 2, achievementIds: [ach('SF-PM-120').id, ach('SF-SCM-210').id] }],
  });

  it('lets provider staff create a draft no one else sees, and publish it', async () => {
    const sf = await signIn(t.app, 'admin@skillforge.example');
    const r = await sf.inject({ method: 'POST', url: `/api/orgs/${orgs.skillforge}/programmes`, payload: { definition: definition() } });
    expect(r.statusCode).toBe(201);
    programmeId = r.json().id;
    expect(r.json()).toMatchObject({ status: 'draft', version: 1, achievementId: null });
    expect((await t.app.inject({ url: `/api/programmes/${programmeId}` })).statusCode).toBe(404);
    expect((await lumiere.inject({ url: `/api/orgs/${orgs.lumiere}/programmes/${programmeId}` })).statusCode).toBe(404);
    const pub = await sf.inject({ method: 'POST', url: `/api/orgs/${orgs.skillforge}/programmes/${programmeId}/status`, payload: { status: 'published' } });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().achievementId).toMatch(/[0-9a-f-]{36}/);
    expect((await t.app.inject({ url: `/api/programmes/${programmeId}` })).json().definition.title).toBe('Project Leadership Programme');
  });

  it('rejects rules naming unknown achievements or unreachable credits', async () => {
    const sf = await signIn(t.app, 'admin@skillforge.example');
    const bad = { ...definition(), rules: [{ type: 'min_credits', credits: 50, achievementIds: [ach('SF-PM-120').id] }] };
    const r = await sf.inject({ method: 'POST', url: `/api/orgs/${orgs.skillforge}/programmes`, payload: { definition: bad } });
    expect(r.statusCode).toBe(400);
    expect(r.json().errors[0].path).toBe('body.rules.0.credits');
  });

  it('records a commitment only when the partner’s own member confirms it', async () => {
    const sf = await signIn(t.app, 'admin@skillforge.example');
    const req = await sf.inject({ method: 'POST', url: `/api/orgs/${orgs.skillforge}/programmes/${programmeId}/commitments`, payload: { partnerOrgId: orgs.helix, kind: 'scholarship', description: 'One scholarship a year.' } });
    expect(req.statusCode).toBe(201);
    expect(req.json().status).toBe('requested');
    const id = req.json().id;
    // The requester cannot confirm on the partner's behalf.
    expect((await sf.inject({ method: 'POST', url: `/api/orgs/${orgs.helix}/commitments/${id}/decision`, payload: { decision: 'confirmed' } })).statusCode).toBe(403);
    const pending = (await helix.inject({ url: `/api/orgs/${orgs.helix}/commitments` })).json().items;
    expect(pending.find((c: { id: string }) => c.id === id)).toMatchObject({ status: 'requested', programmeTitle: 'Project Leadership Programme' });
    const ok = await helix.inject({ method: 'POST', url: `/api/orgs/${orgs.helix}/commitments/${id}/decision`, payload: { decision: 'confirmed' } });
    expect(ok.json().status).toBe('confirmed');
    expect((await helix.inject({ method: 'POST', url: `/api/orgs/${orgs.helix}/commitments/${id}/decision`, payload: { decision: 'declined' } })).statusCode).toBe(409);
    expect((await t.app.inject({ url: `/api/programmes/${programmeId}` })).json().commitments).toHaveLength(1);
  });

  it('revises a published programme as a new version, its credential’s achievement following', async () => {
    const sf = await signIn(t.app, 'admin@skillforge.example');
    const r = await sf.inject({ method: 'PUT', url: `/api/orgs/${orgs.skillforge}/programmes/${programmeId}`, payload: { definition: { ...definition(), totalEcts: 8 } } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ version: 2, status: 'published', definition: { totalEcts: 8 } });
    const a = await sf.inject({ url: `/api/orgs/${orgs.skillforge}/achievements/${r.json().achievementId}` });
    expect(a.json()).toMatchObject({ version: 2, definition: { workload: { ects: 8 }, achievementType: 'LearningProgram' } });
    const v1 = await sf.inject({ url: `/api/orgs/${orgs.skillforge}/programmes/${programmeId}?version=1` });
    expect(v1.json().definition.totalEcts).toBe(7);
  });

  it('lets an owner withdraw a commitment, which then no longer shows publicly', async () => {
    const sf = await signIn(t.app, 'admin@skillforge.example');
    const p = (await t.app.inject({ url: `/api/programmes/${programmeId}` })).json();
    const c = p.commitments[0];
    const w = await sf.inject({ method: 'POST', url: `/api/orgs/${orgs.skillforge}/programmes/${programmeId}/commitments/${c.id}/withdraw` });
    expect(w.json().status).toBe('withdrawn');
    expect((await t.app.inject({ url: `/api/programmes/${programmeId}` })).json().commitments).toEqual([]);
  });

  it('refuses credit recognition from an employer', async () => {
    const sf = await signIn(t.app, 'admin@skillforge.example');
    const r = await sf.inject({ method: 'POST', url: `/api/orgs/${orgs.skillforge}/programmes/${programmeId}/commitments`, payload: { partnerOrgId: orgs.helix, kind: 'credit_recognition', description: 'x', degree: 'BA', ects: 5 } });
    expect(r.statusCode).toBe(400);
  });
});

describe('credit recognition', () => {
  it('adds an institution’s agreement to the transcript, within its validity dates', async () => {
    const nb = await signIn(t.app, 'admin@northbridge.example');
    const mk = (validFrom: string, validUntil?: string) =>
      nb.inject({ method: 'POST', url: `/api/orgs/${orgs.northbridge}/recognition`, payload: { degree: 'BSc Data Engineering', achievementId: ach('LUM-DATA-101').id, ects: 5, validFrom, ...(validUntil ? { validUntil } : {}) } });
    expect((await mk('2020-01-01', '2020-12-31')).statusCode).toBe(201); // expired: does not count
    const live = await mk('2020-01-01');
    expect(live.statusCode).toBe(201);
    const degrees = (await graduate.inject({ url: '/api/learner/transcript' })).json().degrees;
    const be = degrees.find((d: { degree: string }) => d.degree === 'BSc Data Engineering');
    expect(be).toMatchObject({ totalEcts: 5, entries: [expect.objectContaining({ kind: 'achievement', name: ach('LUM-DATA-101').definition.name })] });
    const w = await nb.inject({ method: 'POST', url: `/api/orgs/${orgs.northbridge}/recognition/${live.json().id}/withdraw` });
    expect(w.statusCode).toBe(200);
    const after = (await graduate.inject({ url: '/api/learner/transcript' })).json().degrees;
    expect(after.find((d: { degree: string }) => d.degree === 'BSc Data Engineering')).toBeUndefined();
  });

  it('is for institutions only', async () => {
    const r = await helix.inject({ method: 'POST', url: `/api/orgs/${orgs.helix}/recognition`, payload: { degree: 'X', achievementId: ach('LUM-DATA-101').id, ects: 5, validFrom: '2026-01-01' } });
    expect(r.statusCode).toBe(403);
  });
});
