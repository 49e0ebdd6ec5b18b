import type { JsonObject } from '../did.js';
import { base58btcDecode, decodeEd25519PublicKeyMultibase, ed25519PublicKeyMultibase } from '../multibase.js';
import type { TrustedKey } from './types.js';

/** Public key material from a verification method: Ed25519 as Multikey, or any JWK (for JOSE). */
export interface KeyMaterial {
  ed25519Multibase?: string;
  jwk?: JsonObject;
}

/**
 * Reads the public key of a verification method. DID and controller documents
 * are read as plain JSON (DID Core's JSON representation), so a Multikey in a
 * document whose `@context` forgets the Multikey context still counts: the
 * key's meaning does not depend on JSON-LD there.
 */
export function keyMaterial(vm: JsonObject): KeyMaterial | string {
  const type = vm.type;
  if ((type === 'Multikey' || type === 'Ed25519VerificationKey2020') && typeof vm.publicKeyMultibase === 'string') {
    try {
      decodeEd25519PublicKeyMultibase(vm.publicKeyMultibase);
      return { ed25519Multibase: vm.publicKeyMultibase };
    } catch (e) {
      return `${String(vm.id)}: ${(e as Error).message}`;
    }
  }
  if (type === 'Ed25519VerificationKey2018' && typeof vm.publicKeyBase58 === 'string') {
    const raw = base58btcDecode(vm.publicKeyBase58);
    return raw.length === 32 ? { ed25519Multibase: ed25519PublicKeyMultibase(raw) } : `${String(vm.id)}: not a 32-byte Ed25519 key`;
  }
  const jwk = vm.publicKeyJwk as JsonObject | undefined;
  if ((type === 'JsonWebKey' || type === 'JsonWebKey2020') && jwk && typeof jwk === 'object') {
    if ('d' in jwk) return `${String(vm.id)}: publicKeyJwk contains a private key`;
    if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') {
      return { ed25519Multibase: ed25519PublicKeyMultibase(new Uint8Array(Buffer.from(jwk.x, 'base64url'))), jwk };
    }
    return { jwk };
  }
  return `${String(vm.id)}: unsupported verification method type ${JSON.stringify(type)}`;
}

/** Parses a `--key` file: a JsonWebKey/Multikey verification method, or a bare JWK (matched by `kid`). */
export function parseTrustedKey(value: unknown): TrustedKey {
  const doc = value as JsonObject;
  if (!doc || typeof doc !== 'object') throw new Error('a key file must hold a JSON object');
  if (typeof doc.kty === 'string') {
    const { d: _d, ...jwk } = doc;
    if (typeof jwk.kid !== 'string') throw new Error('a bare JWK key file needs a "kid"');
    return { id: jwk.kid, type: 'JsonWebKey', publicKeyJwk: jwk };
  }
  if (typeof doc.id !== 'string') throw new Error('a verification method key file needs an "id"');
  const jwk = doc.publicKeyJwk as JsonObject | undefined;
  return {
    id: doc.id,
    type: typeof doc.type === 'string' ? doc.type : undefined,
    controller: typeof doc.controller === 'string' ? doc.controller : undefined,
    publicKeyJwk: jwk && typeof jwk === 'object' ? Object.fromEntries(Object.entries(jwk).filter(([k]) => k !== 'd')) : undefined,
    publicKeyMultibase: typeof doc.publicKeyMultibase === 'string' ? doc.publicKeyMultibase : undefined,
  };
}

/** The trusted key a proof or JWT names, by verification method id, JWK `kid`, or `controller#kid`. */
export function findTrustedKey(keys: TrustedKey[] | undefined, ref: string): TrustedKey | undefined {
  return keys?.find((k) => k.id === ref || k.publicKeyJwk?.kid === ref || (k.controller && `${k.controller}#${String(k.publicKeyJwk?.kid)}` === ref));
}
