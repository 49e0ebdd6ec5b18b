import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenBadgeCredential, createSigner, didKeyFor, generateEd25519Key, signDataIntegrity, verify, type JsonObject } from '../../src/credentials/index.js';

const NOW = new Date('2026-03-01T10:00:00Z');
let signed: JsonObject;
let leaves: string[][];

/** Paths to every string value outside the proof: the fields the signature covers. */
function stringPaths(value: unknown, at: string[] = []): string[][] {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...at, String(i)]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => (at.length === 0 && k === 'proof' ? [] : stringPaths(v, [...at, k])));
  return [];
}

function setAt(doc: JsonObject, path: string[], value: string): JsonObject {
  const copy = structuredClone(doc);
  let node = copy as Record<string, unknown>;
  for (const k of path.slice(0, -1)) node = node[k] as Record<string, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

const checkOk = async (doc: JsonObject, id: string, now = NOW) => (await verify(doc, { now })).checks.find((c) => c.id === id)?.ok;

beforeAll(async () => {
  const key = generateEd25519Key();
  const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);
  const credential = buildOpenBadgeCredential({
    id: 'urn:uuid:0b4e7a52-8f1d-4c3b-a6e9-5d2c1b0a9f8e',
    issuer: { id: did, name: 'Académie Ω' },
    achievement: { id: 'https://microcred.example/a/1', name: 'Sécurité réseau', description: 'Pare-feu, VPN, IDS.', criteria: { narrative: 'Projet noté ≥ 12/20' } },
    recipient: { did: 'did:example:learner-1' },
    validFrom: new Date('2026-01-01T00:00:00Z'),
    validUntil: new Date('2027-01-01T00:00:00Z'),
  });
  signed = await signDataIntegrity(credential, createSigner(verificationMethod, key.secretKey), { created: NOW });
  leaves = stringPaths(signed);
});

describe('when a signed credential is tampered with', () => {
  it('starts from a credential that verifies', async () => {
    expect((await verify(signed, { now: NOW })).verified).toBe(true);
  });

  it('fails the proof check for any changed signed field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.string({ minLength: 1, maxLength: 12 }), async (pick, text) => {
        const path = leaves[pick % leaves.length]!;
        const old = path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], signed);
        fc.pre(old !== text);
        const r = await verify(setAt(signed, path, text), { now: NOW });
        expect(r.verified).toBe(false);
        // Dropping the VerifiableCredential type makes it no credential at all: the format check names that.
        const expected = path[0] === 'type' && text !== 'VerifiableCredential' && old === 'VerifiableCredential' ? 'format' : 'proof';
        expect(r.checks.find((c) => c.id === expected)?.ok).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('fails the proof check when the proof names another key', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), async () => {
        const other = didKeyFor(generateEd25519Key().publicKeyMultibase);
        const swapped = structuredClone(signed);
        (swapped.proof as JsonObject).verificationMethod = other.verificationMethod;
        const r = await verify(swapped, { now: NOW });
        expect(r.verified).toBe(false);
        expect(r.checks.find((c) => c.id === 'proof')?.ok).toBe(false);
        expect(r.checks.find((c) => c.id === 'key')?.ok).toBe(false);
      }),
      { numRuns: 10 },
    );
  });

  it('fails only the validity check once now passes validUntil', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 50 * 365 * 86_400 }), async (seconds) => {
        const later = new Date(Date.parse('2027-01-01T00:00:00Z') + seconds * 1000);
        const r = await verify(signed, { now: later });
        expect(r.verified).toBe(false);
        expect(r.checks.filter((c) => c.ok !== true).map((c) => c.id)).toEqual(['validity']);
      }),
      { numRuns: 20 },
    );
    expect(await checkOk(signed, 'validity')).toBe(true);
  });
});
