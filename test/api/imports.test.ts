import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential, createSigner, didKeyFor, generateEd25519Key, signDataIntegrity, type JsonObject } from '../../src/credentials/index.js';
import { demoSkillUri, ensureDemoTaxonomy } from '../../src/taxonomy/index.js';
import { signIn, testApp, type Session, type TestApp } from '../helpers/app.js';

/** A learner imports a credential another issuer (a did:key, offline) signed for them; its skills count as verified. */

let t: TestApp;
let learner: Session;
const EMAIL = 'amara.okafor@learners.example';
const key = generateEd25519Key();
const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);
const signer = createSigner(verificationMethod, key.secretKey);

async function externalBadge(email: string, name = 'Forecasting with Time Series'): Promise<JsonObject> {
  const unsigned = buildOpenBadgeCredential({
    id: `urn:uuid:${crypto.randomUUID()}`,
    issuer: { id: did, name: 'Académie Numérique Indépendante' },
    achievement: {
      id: 'https://academie.example/badges/forecasting',
      name,
      description: 'Forecast demand with time-series models.',
      criteria: { narrative: 'Pass the graded project.' },
      achievementType: 'MicroCredential',
      alignment: [{ type: ['Alignment'], targetName: 'forecasting', targetUrl: demoSkillUri('forecasting'), targetFramework: 'microcred demo taxonomy' }],
    },
    recipient: { email },
    validFrom: new Date(Date.now() - 86_400_000),
  });
  return signDataIntegrity(unsigned, signer, { created: new Date(Date.now() - 86_400_000) });
}

beforeAll(async () => {
  t = await testApp({ demo: true });
  await ensureDemoTaxonomy(t.database.db);
  learner = await signIn(t.app, EMAIL);
});
afterAll(() => t?.close());

const importIt = (payload: unknown) => learner.inject({ method: 'POST', url: '/api/learner/imports', payload: payload as object });

describe('importing a credential from another issuer', () => {
  let imported: any;

  it('keeps one that verifies and names the learner (hashed email), once', async () => {
    const badge = await externalBadge(EMAIL);
    const res = await importIt(badge);
    expect(res.statusCode, res.body).toBe(201);
    imported = res.json().imported;
    expect(imported).toMatchObject({ issuerId: did, issuerName: 'Académie Numérique Indépendante', achievementName: 'Forecasting with Time Series', skills: [{ uri: demoSkillUri('forecasting') }] });
    expect(res.json().verification.verified).toBe(true);
    const again = await importIt(badge);
    expect(again.statusCode).toBe(200);
    expect(again.json().imported.id).toBe(imported.id);
  });

  it('counts its skills as verified in the profile and the gap', async () => {
    const skill = (await learner.inject({ url: '/api/learner/skills' })).json().items.find((s: { uri: string }) => s.uri === demoSkillUri('forecasting'));
    expect(skill).toMatchObject({ verified: true, kind: 'credential', editable: false });
    expect(skill.evidence[0]).toMatchObject({ issuerName: 'Académie Numérique Indépendante', achievementName: 'Forecasting with Time Series' });
    const gap = (await learner.inject({ url: '/api/learner/gap?target=urn:microcred:taxonomy:demo-1:occupation:data-analyst' })).json();
    expect(gap.covered.map((s: { uri: string }) => s.uri)).toContain(demoSkillUri('forecasting'));
  });

  it('refuses one about someone else, and a tampered one, with the reason', async () => {
    const other = await importIt(await externalBadge('someone.else@example.org'));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ code: 'credential_not_yours', detail: expect.stringMatching(/another email address/) });
    const tampered = await externalBadge(EMAIL);
    (tampered.credentialSubject as JsonObject & { achievement: { name: string } }).achievement.name = 'Something grander';
    const bad = await importIt(tampered);
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ code: 'credential_not_verified', detail: expect.stringMatching(/proof/) });
    expect((await learner.inject({ url: '/api/learner/imports' })).json().items).toHaveLength(1);
  });

  it('stops counting once removed', async () => {
    expect((await learner.inject({ method: 'DELETE', url: `/api/learner/imports/${imported.id}` })).statusCode).toBe(204);
    const skills = (await learner.inject({ url: '/api/learner/skills' })).json().items;
    expect(skills.find((s: { uri: string }) => s.uri === demoSkillUri('forecasting'))).toBeUndefined();
    expect((await learner.inject({ method: 'DELETE', url: `/api/learner/imports/${imported.id}` })).statusCode).toBe(404);
  });
});
