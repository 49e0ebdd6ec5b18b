import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildOpenBadgeCredential,
  createDocumentLoader,
  createSigner,
  createStatusBits,
  didKeyFor,
  didWebForIssuer,
  generateEd25519Key,
  issuerDidDocument,
  masterKeyFromBytes,
  MemoryKeyStore,
  obSchemaErrors,
  setStatusBit,
  signDataIntegrity,
  signJwt,
  statusEntry,
  statusListCredential,
  verify,
  type JsonObject,
  type Signer,
} from '../../src/credentials/index.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const ISSUER = didWebForIssuer('https://microcred.example', 'ecole-superieure');
const LIST_URL = 'https://microcred.example/status/1';

function badge(signerDid: string, extra: Partial<Parameters<typeof buildOpenBadgeCredential>[0]> = {}): JsonObject {
  return buildOpenBadgeCredential({
    id: 'urn:uuid:8a0f6c4e-3b1f-4d8e-9a7b-1c2d3e4f5a6b',
    issuer: { id: signerDid, name: 'École Supérieure d’Ingénierie® 中文大学' },
    achievement: {
      id: 'https://microcred.example/achievements/42',
      name: 'Données & IA — niveau 2 ’avancé’ 中文',
      description: 'Analyse de données, apprentissage automatique et éthique.',
      criteria: { narrative: 'Réussir l’évaluation finale (≥ 70 %).' },
      achievementType: 'MicroCredential',
      alignment: [{ type: ['Alignment'], targetName: 'machine learning', targetUrl: 'http://data.europa.eu/esco/skill/4a4b1a1b-0000-0000-0000-000000000000', targetFramework: 'ESCO', targetType: 'ext:ESCOSkill' }],
    },
    recipient: { email: 'Léa.Martin@example.org', salt: 'c0ffee' },
    validFrom: new Date('2026-01-15T09:00:00Z'),
    validUntil: new Date('2028-01-15T09:00:00Z'),
    ...extra,
  });
}

describe('when a did:web issuer issues an Open Badge', () => {
  const store = new MemoryKeyStore(masterKeyFromBytes(new Uint8Array(32).fill(7)));
  let signer: Signer;
  let documents: Map<string, unknown>;
  let signed: JsonObject;

  beforeAll(async () => {
    await store.addKey(ISSUER);
    signer = await store.getSigner(ISSUER);
    const bits = createStatusBits();
    setStatusBit(bits, 7, true);
    const list = await signDataIntegrity(statusListCredential({ listUrl: LIST_URL, issuer: ISSUER, purpose: 'revocation', bits, validFrom: new Date('2026-01-01T00:00:00Z') }), signer, { created: NOW });
    documents = new Map<string, unknown>([[ISSUER, await issuerDidDocument(store, ISSUER)], [LIST_URL, list]]);
    signed = await signDataIntegrity(badge(ISSUER, { credentialStatus: [statusEntry(LIST_URL, 3, 'revocation')] }), signer, { created: NOW });
  });

  it('validates against the OB 3.0 JSON schema', () => {
    expect(obSchemaErrors(signed)).toEqual([]);
  });

  it('keeps the non-ASCII text and verifies every check', async () => {
    expect(JSON.stringify(signed)).toContain('中文大学');
    const r = await verify(signed, { now: NOW, documents });
    expect(r.checks.filter((c) => c.ok !== true)).toEqual([]);
    expect(r).toMatchObject({ verified: true, format: 'di-credential', issuer: ISSUER });
  });

  it('stores a salted hash of the email, never the email', () => {
    expect(JSON.stringify(signed)).not.toMatch(/example\.org/i);
    expect((signed.credentialSubject as { identifier: JsonObject[] }).identifier[0]).toMatchObject({ type: 'IdentityObject', hashed: true, salt: 'c0ffee', identityHash: expect.stringMatching(/^sha256\$[0-9a-f]{64}$/) });
  });

  it('verifies with Digital Bazaar’s own verifyCredential', async () => {
    const result = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: createDocumentLoader({ documents }),
      now: NOW,
      checkStatus: async () => ({ verified: true }),
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('fails the status check once the index is revoked', async () => {
    const revoked = await signDataIntegrity(badge(ISSUER, { credentialStatus: [statusEntry(LIST_URL, 7, 'revocation')] }), signer, { created: NOW });
    const r = await verify(revoked, { now: NOW, documents });
    expect(r.verified).toBe(false);
    expect(r.checks.find((c) => c.id === 'status')).toMatchObject({ ok: false, reason: expect.stringContaining('revoked') });
  });

  it('fails the status of a list missing from the map, and leaves issuer resolution indeterminate when the server answers 503', async () => {
    const r = await verify(signed, { now: NOW, documents: new Map([[ISSUER, documents.get(ISSUER)]]) });
    expect(r.checks.find((c) => c.id === 'status')?.ok).toBe(false);
    const offline = await verify(signed, { now: NOW, fetch: async () => new Response('busy', { status: 503 }), resolver: undefined, documents: undefined });
    expect(offline.verified).toBe(false);
    expect(offline.checks.find((c) => c.id === 'issuer')?.ok).toBeNull();
  });

  it('keeps verifying credentials signed before a key rotation', async () => {
    await store.addKey(ISSUER);
    const rotated = await store.getSigner(ISSUER);
    expect(rotated.id).not.toBe(signer.id);
    const after = new Map(documents).set(ISSUER, await issuerDidDocument(store, ISSUER));
    const fresh = await signDataIntegrity(badge(ISSUER), rotated, { created: NOW });
    const [old, renewed] = await Promise.all([verify(signed, { now: NOW, documents: after }), verify(fresh, { now: NOW, documents: after })]);
    expect([old.verified, renewed.verified]).toEqual([true, true]);
  });

  it('refuses to sign a term no context defines (JSON-LD safe mode)', async () => {
    await expect(signDataIntegrity({ ...badge(ISSUER), undefinedTerm: 'x' }, signer, { created: NOW })).rejects.toThrow(/safe mode|undefinedTerm|Dropping/i);
  });
});

describe('when a did:key issuer issues as vc+jwt', () => {
  it('verifies offline and fails once expired', async () => {
    const key = generateEd25519Key();
    const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);
    const jwt = await signJwt(badge(did, { recipient: { did: 'did:example:learner' } }), createSigner(verificationMethod, key.secretKey));
    const ok = await verify(jwt, { now: NOW });
    expect(ok.checks.filter((c) => c.ok !== true)).toEqual([]);
    expect(ok.format).toBe('vc+jwt');
    const late = await verify(jwt, { now: new Date('2029-01-01T00:00:00Z') });
    expect(late.checks.find((c) => c.id === 'validity')?.ok).toBe(false);
  });
});
