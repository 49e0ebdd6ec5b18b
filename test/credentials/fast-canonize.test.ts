import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { AchievementDefinitionSchema } from '../../src/achievements/index.js';
import { libraryCanonize } from '../../src/credentials/canonize.js';
import { fastDataset, fastPathDeclines, fastToRdf } from '../../src/credentials/fast-rdf.js';
import {
  buildOpenBadgeCredential,
  canonize,
  contextLoader,
  createSigner,
  createStatusBits,
  didKeyDocument,
  didKeyFor,
  generateEd25519Key,
  type JsonObject,
  setStatusBit,
  signDataIntegrity,
  statusEntry,
  statusListCredential,
  statusMessageEntry,
  verify,
} from '../../src/credentials/index.js';
import { base58btcDecode, base58btcEncode } from '../../src/credentials/multibase.js';
import { canonizeQuads, firstDegreeCanonical } from '../../src/credentials/rdfc.js';
import { DEMO_ACHIEVEMENTS } from '../../src/demo/achievements.js';
import { toObAchievement } from '../../src/issuance/index.js';
import { STANDARDS } from './standards.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const LIST_URL = 'https://microcred.example/status/1';

/** What the library path gives: canonical N-Quads, or the error it raises. */
async function reference(doc: unknown): Promise<{ nquads?: string; error?: string }> {
  try {
    return { nquads: await libraryCanonize(doc, contextLoader) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

async function viaCanonize(doc: unknown): Promise<{ nquads?: string; error?: string }> {
  try {
    return { nquads: await canonize(doc, contextLoader) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * The fast path's N-Quads, as canonize() computes them; when the fast path
 * vouches that no quad repeats, that is checked too.
 */
async function fastNquads(doc: unknown, label = ''): Promise<string> {
  const dataset = fastDataset(doc)!;
  if (dataset.distinct) expect(new Set(dataset.quads.map((q) => JSON.stringify(q))).size, `${label}: a repeated quad`).toBe(dataset.quads.length);
  const nquads = await canonizeQuads(dataset.quads, dataset.distinct);
  expect(await canonizeQuads(dataset.quads), label).toBe(nquads);
  return nquads;
}

/** The fast path alone: it must accept the document and give the library's bytes. */
async function expectFastIdentical(doc: unknown, label = ''): Promise<void> {
  expect(fastPathDeclines(doc), label).toBeUndefined();
  const fast = await fastNquads(doc, label);
  const lib = await reference(doc);
  expect(lib.error, label).toBeUndefined();
  expect(fast, label).toBe(lib.nquads);
}

/** The document, the document without its proofs and each proof configuration (what a verifier hashes). */
function hashedForms(doc: JsonObject): JsonObject[] {
  const forms = [doc];
  if (doc.proof && typeof doc.proof === 'object') {
    const { proof, ...unsecured } = doc;
    forms.push(unsecured);
    for (const p of [proof].flat()) {
      if (!p || typeof p !== 'object') continue;
      const { proofValue: _v, ...options } = p as JsonObject;
      forms.push({ '@context': doc['@context'], ...options });
    }
  }
  return forms;
}

describe('when the fast canonicalisation path meets the credentials we issue', () => {
  const key = generateEd25519Key();
  const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);
  const signer = createSigner(verificationMethod, key.secretKey);
  const definition = AchievementDefinitionSchema.parse(DEMO_ACHIEVEMENTS.lumiere![0]);
  const achievement = toObAchievement('https://microcred.example', {
    id: '00000000-0000-4000-8000-000000000001',
    orgId: '00000000-0000-4000-8000-000000000002',
    status: 'published',
    version: 1,
    definition,
    createdAt: NOW,
    updatedAt: NOW,
  });
  const base = {
    id: 'urn:uuid:8a0f6c4e-3b1f-4d8e-9a7b-1c2d3e4f5a6b',
    issuer: { id: did, name: 'École Supérieure d’Ingénierie® 中文大学' },
    achievement,
    validFrom: new Date('2026-01-15T09:00:00Z'),
  };
  const shapes: Record<string, JsonObject> = {
    'minimal, learner DID': buildOpenBadgeCredential({
      ...base,
      achievement: { id: 'https://microcred.example/achievements/1', name: 'Données & IA — niveau 2 ’avancé’ 中文', criteria: { narrative: 'Réussir ®' } },
      recipient: { did: 'did:example:learner-1' },
    }),
    'demo achievement, hashed email, result': buildOpenBadgeCredential({
      ...base,
      recipient: { email: 'Léa.Martin@example.org', salt: 'c0ffee' },
      validUntil: new Date('2028-01-15T09:00:00Z'),
      awardedDate: NOW,
      description: 'Délivré à « Zoë » — 中文 ’quoted’ ®',
      result: [{ type: ['Result'], resultDescription: `${achievement.id}#result-1`, value: 'A' }],
    }),
    'programme credential with evidence': buildOpenBadgeCredential({
      ...base,
      recipient: { email: 'amara@learners.example', salt: 'bench' },
      evidence: [
        { id: 'https://microcred.example/c/111', name: 'Component one é', narrative: 'Component credential counted toward Programme 中文.' },
        { id: 'https://microcred.example/c/222', name: 'Component two ’', narrative: 'Component credential counted toward Programme 中文.' },
      ],
    }),
    'one revocation status entry': buildOpenBadgeCredential({ ...base, recipient: { did: 'did:example:2' }, credentialStatus: [statusEntry(LIST_URL, 7, 'revocation')] }),
    'revocation and suspension entries': buildOpenBadgeCredential({
      ...base,
      recipient: { did: 'did:example:3' },
      credentialStatus: [statusEntry(LIST_URL, 8, 'revocation'), statusEntry(`${LIST_URL}s`, 8, 'suspension')],
    }),
    'message status entry': buildOpenBadgeCredential({ ...base, recipient: { did: 'did:example:4' }, credentialStatus: [statusMessageEntry(LIST_URL, 9)] }),
    'status list credential': (() => {
      const bits = createStatusBits();
      setStatusBit(bits, 7, true);
      return statusListCredential({ listUrl: LIST_URL, issuer: did, purpose: 'revocation', bits, validFrom: new Date('2026-01-01T00:00:00Z') });
    })(),
    'result description with allowed values (an @list) and decimal credits': buildOpenBadgeCredential({
      ...base,
      achievement: {
        id: 'https://microcred.example/achievements/3',
        name: 'Grades',
        criteria: { narrative: 'Pass.' },
        creditsAvailable: 2.5,
        resultDescription: [
          { id: 'https://microcred.example/achievements/3#r', type: ['ResultDescription'], name: 'Grade', resultType: 'LetterGrade', allowedValue: ['A', 'B', 'C'] },
          { id: 'https://microcred.example/achievements/3#e', type: ['ResultDescription'], name: 'Empty', resultType: 'LetterGrade', allowedValue: [] },
        ],
      },
      recipient: { did: 'did:example:5' },
    }),
  };

  const signed: Record<string, JsonObject> = {};
  beforeAll(async () => {
    for (const [name, doc] of Object.entries(shapes)) signed[name] = await signDataIntegrity(doc, signer, { created: NOW });
  });

  for (const name of Object.keys(shapes)) {
    it(`gives the library's canonical N-Quads for ${name}: document, unsecured document and proof configuration`, async () => {
      for (const form of hashedForms(signed[name]!)) await expectFastIdentical(form, name);
    });
  }

  it('signs exactly as Digital Bazaar vc.issue does (same proof object, same proofValue)', async () => {
    for (const [name, doc] of Object.entries(shapes)) {
      const suite = new DataIntegrityProof({ signer, date: NOW, cryptosuite: eddsaRdfc2022 });
      const theirs = await vc.issue({ credential: structuredClone(doc), suite, documentLoader: contextLoader, now: NOW });
      expect(JSON.stringify(signed[name]), name).toBe(JSON.stringify(theirs));
    }
  });

  it('verifies what it signs, and Digital Bazaar verifies it too', async () => {
    const doc = signed['demo achievement, hashed email, result']!;
    expect((await verify(doc, { now: NOW })).verified).toBe(true);
    const loader = async (url: string) => {
      if (!url.startsWith('did:key:')) return contextLoader(url);
      const d = didKeyDocument(url.split('#')[0]!);
      const method = (d.verificationMethod as JsonObject[]).find((m) => m.id === url);
      return { contextUrl: null, documentUrl: url, document: method ? { '@context': 'https://w3id.org/security/multikey/v1', ...method } : d };
    };
    const r = await vc.verifyCredential({ credential: doc, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: loader, now: NOW });
    expect(r.verified).toBe(true);
  });

  it('gives the library answer for a signed presentation carrying a signed credential (@context null, nested @graph)', async () => {
    const presentation = vc.createPresentation({ verifiableCredential: [signed['programme credential with evidence']!], holder: 'did:example:holder' }) as JsonObject;
    presentation['@context'] = ['https://www.w3.org/ns/credentials/v2'];
    const suite = new DataIntegrityProof({ signer, date: NOW, cryptosuite: eddsaRdfc2022 });
    const vp = (await vc.signPresentation({ presentation, suite, documentLoader: contextLoader, challenge: 'c-123', domain: 'verifier.example' })) as JsonObject;
    for (const form of hashedForms(vp)) await expectFastIdentical(form, 'presentation');
  });
});

describe('when a document needs what the fast path does not implement', () => {
  const credential = (extra: JsonObject): JsonObject => ({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id: 'urn:uuid:1',
    type: ['VerifiableCredential'],
    issuer: 'did:example:issuer',
    credentialSubject: { id: 'did:example:s', ...extra },
  });

  const cases: Record<string, JsonObject> = {
    'a number in exponent notation': credential({ big: 1e21, small: 1e-7 }),
    'a string typed xsd:double': credential({ v: { '@value': '2.50', '@type': 'http://www.w3.org/2001/XMLSchema#double' } }),
    'a @direction': credential({ label: { '@value': 'שלום', '@language': 'he', '@direction': 'rtl' } }),
    'a context that is not bundled': { ...credential({}), '@context': ['https://www.w3.org/ns/credentials/v2', 'https://example.org/unknown/v1'] },
    'an embedded @context with @base': { ...credential({}), '@context': ['https://www.w3.org/ns/credentials/v2', { '@base': 'https://example.org/', ex: 'https://example.org/#' }] },
  };
  for (const [name, doc] of Object.entries(cases)) {
    it(`declines ${name}, and canonize() gives exactly the library answer`, async () => {
      expect(fastPathDeclines(doc)).toBeDefined();
      expect(await viaCanonize(doc)).toEqual(await reference(doc));
    });
  }

  it('hands the dataset to rdf-canonize when two blank nodes share a first-degree hash (n-degree hashing), with the library bytes', async () => {
    const doc = credential({ knows: [{ name: 'x', knows: { name: 'y' } }, { name: 'x', knows: { name: 'y' } }] });
    const quads = fastToRdf(doc)!;
    expect(quads).toBeDefined();
    expect(firstDegreeCanonical(quads)).toBeUndefined();
    expect(await viaCanonize(doc)).toEqual(await reference(doc));
    expect(firstDegreeCanonical(fastToRdf(credential({ knows: [{ name: 'x' }, { name: 'z' }] }))!)).toBeDefined();
  });

  it('knows when a quad may repeat, so repeats are dropped before hashing', () => {
    expect(fastDataset(credential({ tag: ['a', 'a', 'b'] }))!.distinct).toBe(false);
    expect(fastDataset(credential({ knows: [{ id: 'did:example:x', name: 'n' }, { id: 'did:example:x', name: 'n' }] }))!.distinct).toBe(false);
    expect(fastDataset(credential({ knows: ['did:example:x', { id: '_:b1' }, { id: '_:b1' }] }))!.distinct).toBe(false);
    expect(fastDataset(credential({ tag: ['a', 'b'], knows: [{ name: 'x' }, { name: 'x' }] }))!.distinct).toBe(true);
  });

  it('accepts what it does implement and gives the library bytes: repeated values, control characters, language tags, booleans, blank node ids, @json, inline contexts', async () => {
    await expectFastIdentical(credential({ tag: ['a', 'a', 'b'], text: 'tab\there "q" \\ \u0001 \u007f \n é 中文 𝄞', flag: true, n: -3, f: 0.1 }));
    await expectFastIdentical(credential({ label: { '@value': 'Bonjour', '@language': 'fr-CA' }, typed: { '@value': '5', '@type': 'http://www.w3.org/2001/XMLSchema#integer' } }));
    await expectFastIdentical(credential({ knows: [{ id: '_:b1', name: 'x' }, { id: '_:b2', name: 'y', knows: { id: '_:b1' } }] }));
    await expectFastIdentical({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: 'https://example.org/schema-credential',
      type: ['VerifiableCredential', 'JsonSchemaCredential'],
      issuer: 'did:example:issuer',
      credentialSubject: { id: 'https://example.org/schema', type: 'JsonSchema', jsonSchema: { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object', b: [1, 2.5, true, null], a: 'é' } },
    });
    await expectFastIdentical({
      '@context': ['https://www.w3.org/ns/credentials/v2', { ex: 'https://example.org/vocab#', Thing: 'ex:Thing', size: { '@id': 'ex:size', '@type': 'ex:Size' }, tags: { '@id': 'ex:tags', '@container': '@list' } }],
      id: 'urn:uuid:2',
      type: ['VerifiableCredential'],
      issuer: { id: 'did:example:issuer', 'ex:note': 'compact IRI key' },
      credentialSubject: { type: 'Thing', size: 'L', tags: ['x', { id: 'ex:y' }, 3] },
    });
  });
});

describe('when JSON-LD safe mode rejects a document', () => {
  const base: JsonObject = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:3',
    type: ['VerifiableCredential'],
    issuer: 'did:example:issuer',
    credentialSubject: { id: 'did:example:s' },
  };
  const cases: Record<string, JsonObject> = {
    'an undefined term': { ...base, undefinedTerm: 'x' },
    'an undefined term in a nested node': { ...base, credentialSubject: { id: 'did:example:s', nickname: 'x' } },
    'a relative @id': { ...base, id: 'credential-3' },
    'a relative type': { ...base, type: ['VerifiableCredential', 'LocalType'] },
    'a relative IRI value': { ...base, issuer: 'issuers/1' },
    'a null value': { ...base, name: null },
    'an empty object': { ...base, credentialSubject: {} },
    'a protected term redefined': { ...base, '@context': ['https://www.w3.org/ns/credentials/v2', { name: 'https://example.org/name' }], name: 'x' },
    'a protected type-scoped term redefined in a nested context': { ...base, credentialSubject: { '@context': { id: 'https://example.org/notid' }, name: 'x' } },
  };
  for (const [name, doc] of Object.entries(cases)) {
    it(`fails for ${name} with the very error of the library path`, async () => {
      const lib = await reference(doc);
      const ours = await viaCanonize(doc);
      expect(ours).toEqual(lib);
      expect(fastPathDeclines(doc)).toBeDefined();
      if (name !== 'a null value' && name !== 'an empty object') expect(lib.error).toBeDefined();
    });
  }

  it('refuses to sign a credential with an undefined term, as before', async () => {
    const key = generateEd25519Key();
    const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);
    const doc = { ...base, issuer: did, undefinedTerm: 'x' };
    await expect(signDataIntegrity(doc, createSigner(verificationMethod, key.secretKey), { created: NOW })).rejects.toThrow(/safe mode/i);
  });
});

describe('when every JSON document in ../shared/standards/ is canonicalised', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(json|jsonld)$/i.test(f)) files.push(p);
    }
  };
  walk(STANDARDS);

  it('finds the folder', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('gives byte-identical N-Quads on the fast path, or declines and then gives exactly the library answer', async () => {
    let fast = 0;
    let declined = 0;
    for (const file of files) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        continue; // not JSON (e.g. a JSON-with-comments sample): nothing to canonicalise
      }
      const docs = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? hashedForms(parsed as JsonObject) : [parsed as JsonObject];
      for (const doc of docs) {
        const label = path.relative(STANDARDS, file);
        const lib = await reference(doc);
        if (fastPathDeclines(doc) === undefined) {
          expect(lib.error, label).toBeUndefined();
          expect(await fastNquads(doc, label), label).toBe(lib.nquads);
          fast++;
        } else {
          expect(await viaCanonize(doc), label).toEqual(lib);
          declined++;
        }
      }
    }
    // Most of the folder is VC 2.0 / OB 3.0 over bundled contexts: the fast path must carry it.
    expect(fast).toBeGreaterThan(350);
    expect(fast + declined).toBeGreaterThan(files.length);
  }, 120_000);
});

describe('when base58btc is encoded and decoded (proof values, did:key)', () => {
  it('round-trips random bytes with leading zeros', () => {
    for (let i = 0; i < 500; i++) {
      const bytes = new Uint8Array(i % 70).map(() => Math.floor(Math.random() * 256));
      if (bytes.length > 2 && i % 3 === 0) bytes[0] = bytes[1] = 0;
      expect(base58btcDecode(base58btcEncode(bytes))).toEqual(bytes);
    }
    expect(base58btcEncode(Uint8Array.of(0, 0, 1))).toBe('112');
    expect(() => base58btcDecode('0OIl')).toThrow(/base58btc/);
  });
});
