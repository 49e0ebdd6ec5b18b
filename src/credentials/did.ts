import { decodeEd25519PublicKeyMultibase } from './multibase.js';

export type JsonObject = Record<string, unknown>;

const DID_V1 = 'https://www.w3.org/ns/did/v1';
const MULTIKEY_V1 = 'https://w3id.org/security/multikey/v1';

/** A Multikey verification method, as listed in DID and controller documents. */
export interface MultikeyMethod {
  id: string;
  type: 'Multikey';
  controller: string;
  publicKeyMultibase: string;
}

/**
 * The DID document of an Ed25519 `did:key` (derived from the identifier itself,
 * so resolution needs no network). Only Ed25519 (`z6Mk…`) keys are supported.
 */
export function didKeyDocument(did: string): JsonObject {
  const m = /^did:key:(z6Mk[1-9A-HJ-NP-Za-km-z]+)$/.exec(did);
  if (!m) throw new Error(`not an Ed25519 did:key: ${did}`);
  const multibase = m[1]!;
  decodeEd25519PublicKeyMultibase(multibase);
  const vm: MultikeyMethod = { id: `${did}#${multibase}`, type: 'Multikey', controller: did, publicKeyMultibase: multibase };
  return {
    '@context': [DID_V1, MULTIKEY_V1],
    id: did,
    verificationMethod: [vm],
    authentication: [vm.id],
    assertionMethod: [vm.id],
    capabilityDelegation: [vm.id],
    capabilityInvocation: [vm.id],
  };
}

/** `did:web:<host>:issuers:<slug>` for an issuer hosted by this platform. */
export function didWebForIssuer(publicUrl: string, slug: string): string {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) throw new Error(`not a valid slug: ${slug}`);
  const url = new URL(publicUrl);
  // A port is part of the host and its colon is percent-encoded (did:web spec §3.1).
  const host = encodeURIComponent(url.host);
  const path = url.pathname.split('/').filter(Boolean).map(encodeURIComponent);
  return ['did:web', host, ...path, 'issuers', slug].join(':');
}

/** The HTTPS URL a `did:web` DID document is served at (did:web spec, "Read"). */
export function didWebUrl(did: string): string {
  const m = /^did:web:([^#?/]+)$/.exec(did);
  if (!m) throw new Error(`not a did:web DID: ${did}`);
  const [host, ...path] = m[1]!.split(':').map(decodeURIComponent);
  if (!host || path.some((p) => p === '' || p === '.' || p === '..' || p.includes('/'))) throw new Error(`malformed did:web: ${did}`);
  return path.length ? `https://${host}/${path.join('/')}/did.json` : `https://${host}/.well-known/did.json`;
}

/**
 * The DID document of a did:web issuer, listing every key it has ever signed
 * with (newest last). DID documents have no "retired but still valid" relation,
 * so old keys stay assertion methods: rotation means new credentials are signed
 * with the new key while credentials signed before keep verifying.
 */
export function didWebDocument(did: string, publicKeyMultibases: string[]): JsonObject {
  if (publicKeyMultibases.length === 0) throw new Error('a DID document needs at least one key');
  const methods: MultikeyMethod[] = publicKeyMultibases.map((mb) => {
    decodeEd25519PublicKeyMultibase(mb);
    return { id: `${did}#${mb}`, type: 'Multikey', controller: did, publicKeyMultibase: mb };
  });
  const ids = methods.map((m) => m.id);
  return { '@context': [DID_V1, MULTIKEY_V1], id: did, verificationMethod: methods, assertionMethod: ids, authentication: ids };
}
