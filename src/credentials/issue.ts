import { createHash, randomBytes } from 'node:crypto';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from './contexts.js';
import { base58btcEncode } from './multibase.js';
import { verifyData } from './verify/proof.js';
import type { JsonObject } from './did.js';
import { CredentialError } from './errors.js';
import type { Signer } from './keys.js';
import { contextLoader } from './loader.js';
import { OB_SCHEMA_URL } from './schema.js';

/** XSD dateTimeStamp at second precision, as OB examples and most verifiers expect. */
export function dateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The learner, identified by a DID or by a salted hash of their email (never the email itself). */
export type Recipient = { did: string } | { email: string; salt?: string };

/**
 * An OB 3.0 IdentityObject for an email: `sha256$hex(sha256(email + salt))`.
 * The email is trimmed and lower-cased first so the learner can prove it later.
 */
export function hashedEmailIdentifier(email: string, salt = randomBytes(16).toString('hex')): JsonObject {
  const normalised = email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(normalised)) throw new CredentialError('INVALID_ARGUMENT', `not an email address: ${email}`);
  return {
    type: 'IdentityObject',
    identityHash: `sha256$${createHash('sha256').update(normalised + salt, 'utf8').digest('hex')}`,
    identityType: 'emailAddress',
    hashed: true,
    salt,
  };
}

export interface OpenBadgeInput {
  /** The credential id (a URL or `urn:uuid:`). */
  id: string;
  /** The issuer Profile; `id` is the issuer DID. */
  issuer: JsonObject & { id: string; name: string };
  /** An OB 3.0 Achievement (`id`, `name`, `description`, `criteria`, …); `type` is added. */
  achievement: JsonObject & { id: string; name: string };
  recipient: Recipient;
  validFrom: Date;
  validUntil?: Date;
  awardedDate?: Date;
  /** Credential name; defaults to the achievement name. */
  name?: string;
  description?: string;
  /** OB 3.0 Result objects (grades, scores). */
  result?: JsonObject[];
  /** OB 3.0 Evidence objects, e.g. the component credentials of a programme. */
  evidence?: JsonObject[];
  credentialStatus?: JsonObject[];
}

/** An unsigned OB 3.0 OpenBadgeCredential on VC DM 2.0. */
export function buildOpenBadgeCredential(input: OpenBadgeInput): JsonObject {
  if (input.validUntil && input.validUntil.getTime() < input.validFrom.getTime()) {
    throw new CredentialError('INVALID_ARGUMENT', 'validUntil is before validFrom');
  }
  const subject: JsonObject = { type: ['AchievementSubject'] };
  if ('did' in input.recipient) subject.id = input.recipient.did;
  else subject.identifier = [hashedEmailIdentifier(input.recipient.email, input.recipient.salt)];
  subject.achievement = { type: ['Achievement'], ...input.achievement };
  if (input.result?.length) subject.result = input.result;
  const status = input.credentialStatus ?? [];
  return {
    '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { type: ['Profile'], ...input.issuer },
    name: input.name ?? input.achievement.name,
    ...(input.description ? { description: input.description } : {}),
    validFrom: dateTime(input.validFrom),
    ...(input.validUntil ? { validUntil: dateTime(input.validUntil) } : {}),
    ...(input.awardedDate ? { awardedDate: dateTime(input.awardedDate) } : {}),
    credentialSubject: subject,
    ...(input.evidence?.length ? { evidence: input.evidence.map((e) => ({ type: ['Evidence'], ...e })) } : {}),
    credentialSchema: [{ id: OB_SCHEMA_URL, type: 'JsonSchema' }],
    ...(status.length === 1 ? { credentialStatus: status[0] } : status.length > 1 ? { credentialStatus: status } : {}),
  };
}

/**
 * Signs with a Data Integrity `eddsa-rdfc-2022` proof, canonicalising in
 * JSON-LD safe mode: a term the contexts do not define makes signing fail
 * instead of being silently left unsigned.
 *
 * A VC 2.0 credential without a proof is signed here, as the Data Integrity
 * and EdDSA Cryptosuites Recommendations describe (proof configuration and
 * document each canonicalised and hashed, hashes concatenated, Ed25519 over
 * the result), after the same credential checks Digital Bazaar's `vc.issue`
 * runs; canonicalisation takes the fast path (canonize.ts). Anything else (a VC
 * 1.1 credential, one that already carries a proof) goes through `vc.issue`.
 * Both give the same proof, byte for byte (test/credentials/fast-canonize.test.ts).
 */
export async function signDataIntegrity(credential: JsonObject, signer: Signer, opts: { created?: Date } = {}): Promise<JsonObject> {
  const created = opts.created ?? new Date();
  const contexts = [credential['@context']].flat();
  try {
    if (contexts[0] !== VC_V2_CONTEXT || credential.proof !== undefined) {
      const suite = new DataIntegrityProof({ signer, date: created, cryptosuite: eddsaRdfc2022 });
      return await vc.issue({ credential: structuredClone(credential), suite, documentLoader: contextLoader, now: opts.created });
    }
    vc._checkCredential({ credential, now: opts.created, mode: 'issue' });
    const proof: JsonObject = { type: 'DataIntegrityProof', created: dateTime(created), verificationMethod: signer.id, cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' };
    const signature = await signer.sign({ data: await verifyData('eddsa-rdfc-2022', credential, proof) });
    return { ...structuredClone(credential), proof: { ...proof, proofValue: `z${base58btcEncode(signature)}` } };
  } catch (cause) {
    throw new CredentialError('INVALID_ARGUMENT', `cannot sign: ${(cause as Error).message}`, { cause });
  }
}

/** Secures a credential as VC-JOSE `vc+jwt` (compact JWS, EdDSA), signed through the same Signer. */
export async function signJwt(credential: JsonObject, signer: Signer): Promise<string> {
  const { proof: _proof, ...payload } = credential;
  const header = { alg: 'EdDSA', typ: 'vc+jwt', cty: 'vc', kid: signer.id };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url')}`;
  const signature = await signer.sign({ data: new TextEncoder().encode(input) });
  return `${input}.${Buffer.from(signature).toString('base64url')}`;
}
