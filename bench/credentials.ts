/**
 * Credentials benchmark: sign and verify one realistic OB 3.0 credential
 * (achievement with criteria, 3 ESCO alignments, a result, credentialSchema),
 * microcred's pipeline against a plain Digital Bazaar pipeline, same run,
 * one core. Prints operations per second and the ratio.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import {
  buildOpenBadgeCredential,
  contextLoader,
  createSigner,
  didKeyDocument,
  didKeyFor,
  generateEd25519Key,
  type JsonObject,
  signDataIntegrity,
  verify,
} from '../src/credentials/index.js';
import { toObAchievement } from '../src/issuance/index.js';
import { DEMO_ACHIEVEMENTS } from '../src/demo/achievements.js';
import { AchievementDefinitionSchema } from '../src/achievements/index.js';
import { measure, type Row } from './measure.js';

/**
 * The benchmarks' realistic OB 3.0 credential, unsigned, and a did:key signer:
 * the demo "Data Analysis with Python" achievement (criteria, EU elements,
 * 3 alignments, a result description) with a result.
 */
export function benchCredential(id = 'https://bench.example/c/1') {
  const key = generateEd25519Key();
  const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);
  const signer = createSigner(verificationMethod, key.secretKey);
  const definition = AchievementDefinitionSchema.parse(DEMO_ACHIEVEMENTS.lumiere![0]);
  const achievement = toObAchievement('https://bench.example', {
    id: '00000000-0000-4000-8000-000000000001',
    orgId: '00000000-0000-4000-8000-000000000002',
    status: 'published',
    version: 1,
    definition,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  const unsigned = buildOpenBadgeCredential({
    id,
    issuer: { id: did, name: 'Université de Lumière' },
    achievement,
    recipient: { email: 'amara.okafor@learners.example', salt: 'bench' },
    validFrom: new Date('2026-01-01T00:00:00Z'),
    result: [{ type: ['Result'], resultDescription: `${achievement.id}#result-1`, value: 'A' }],
  });
  (unsigned.credentialSubject as JsonObject).name = 'Amara Okafor';
  return { did, signer, unsigned };
}

export async function credentialsBench(seconds: number): Promise<Row[]> {
  const { signer, unsigned } = benchCredential();
  const size = JSON.stringify(await signDataIntegrity(unsigned, signer)).length;

  // Plain Digital Bazaar: the same libraries, a static loader over the same bundled contexts plus did:key.
  const dbLoader = async (url: string) => {
    if (url.startsWith('did:key:')) {
      const doc = didKeyDocument(url.split('#')[0]!);
      const id = url.includes('#') ? url : undefined;
      const method = id ? (doc.verificationMethod as JsonObject[]).find((m) => m.id === id) : undefined;
      return { contextUrl: null, documentUrl: url, document: method ? { '@context': 'https://w3id.org/security/multikey/v1', ...method } : doc };
    }
    return contextLoader(url);
  };
  const dbIssue = () =>
    vc.issue({ credential: structuredClone(unsigned), suite: new DataIntegrityProof({ signer, cryptosuite: eddsaRdfc2022 }), documentLoader: dbLoader });
  const signed = await dbIssue();
  const dbVerify = async () => {
    const r = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader: dbLoader });
    if (!r.verified) throw new Error(`Digital Bazaar did not verify: ${JSON.stringify(r.error)}`);
  };
  const ourVerify = async () => {
    const r = await verify(signed, { now: new Date('2026-06-01T00:00:00Z') });
    if (!r.verified) throw new Error(`microcred did not verify: ${JSON.stringify(r.checks)}`);
  };

  const note = `OB 3.0 credential of ${size} bytes`;
  return [
    await measure('credentials: issue (eddsa-rdfc-2022)', note, () => signDataIntegrity(unsigned, signer), dbIssue, seconds),
    await measure('credentials: verify (full checks vs signature only)', note, ourVerify, dbVerify, seconds),
  ];
}
