import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { CredentialError } from './errors.js';
import { decodeEd25519PublicKeyMultibase, ed25519PublicKeyMultibase } from './multibase.js';

/** An Ed25519 key pair; `secretKey` is the 32-byte seed (RFC 8032 private key). */
export interface Ed25519Key {
  publicKey: Uint8Array;
  secretKey: Uint8Array;
  /** The Multikey `publicKeyMultibase` value (`z6Mk…`). */
  publicKeyMultibase: string;
}

/** What Digital Bazaar's Data Integrity suites and our JOSE signer call. */
export interface Signer {
  /** The verification method URL written into the proof. */
  id: string;
  algorithm: 'Ed25519';
  sign(args: { data: Uint8Array }): Promise<Uint8Array>;
}

// RFC 8410 PKCS#8 prefix for a bare Ed25519 seed.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function privateKeyObject(secretKey: Uint8Array): KeyObject {
  if (secretKey.length !== 32) throw new CredentialError('INVALID_KEY', 'an Ed25519 secret key is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, secretKey]), format: 'der', type: 'pkcs8' });
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  return new Uint8Array(Buffer.from(jwk.x!, 'base64url'));
}

export function ed25519KeyFromSecret(secretKey: Uint8Array): Ed25519Key {
  const publicKey = rawPublicKey(createPublicKey(privateKeyObject(secretKey)));
  return { publicKey, secretKey: new Uint8Array(secretKey), publicKeyMultibase: ed25519PublicKeyMultibase(publicKey) };
}

export function generateEd25519Key(): Ed25519Key {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return ed25519KeyFromSecret(new Uint8Array(Buffer.from(jwk.d!, 'base64url')));
}

/** A signer holding a parsed key object, so repeated signing does not re-import the key. */
export function createSigner(verificationMethod: string, secretKey: Uint8Array): Signer {
  const key = privateKeyObject(secretKey);
  return {
    id: verificationMethod,
    algorithm: 'Ed25519',
    sign: async ({ data }) => new Uint8Array(sign(null, data, key)),
  };
}

const publicKeys = new Map<string, KeyObject>();

/** Verifies an Ed25519 signature; parsed public keys are cached by their multibase value. */
export function verifyEd25519(publicKeyMultibase: string, data: Uint8Array, signature: Uint8Array): boolean {
  let key = publicKeys.get(publicKeyMultibase);
  if (!key) {
    const raw = decodeEd25519PublicKeyMultibase(publicKeyMultibase);
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
    if (publicKeys.size > 10_000) publicKeys.clear();
    publicKeys.set(publicKeyMultibase, key);
  }
  return signature.length === 64 && verify(null, data, key, signature);
}

/** The did:key of an Ed25519 key and its one verification method. */
export function didKeyFor(publicKeyMultibase: string): { did: string; verificationMethod: string } {
  decodeEd25519PublicKeyMultibase(publicKeyMultibase);
  const did = `did:key:${publicKeyMultibase}`;
  return { did, verificationMethod: `${did}#${publicKeyMultibase}` };
}
