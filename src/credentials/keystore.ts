import { didWebDocument, type JsonObject } from './did.js';
import { CredentialError } from './errors.js';
import { createSigner, generateEd25519Key, type Signer } from './keys.js';
import { openPrivateKey, sealPrivateKey, type MasterKey, type SealedKey } from './seal.js';

/** One issuer key as stored: the private half only ever sealed. */
export interface StoredIssuerKey {
  issuer: string;
  verificationMethod: string;
  publicKeyMultibase: string;
  sealed: SealedKey;
  createdAt: Date;
}

export type IssuerPublicKey = Omit<StoredIssuerKey, 'sealed'>;

/**
 * Where issuer keys live. The signing key is the newest one; older keys stay
 * listed so credentials they signed keep verifying. A KMS-backed store can
 * implement this without ever exposing key bytes.
 */
export interface KeyStore {
  /** A signer for the issuer's current key; KEY_NOT_FOUND if it has none. */
  getSigner(issuer: string): Promise<Signer>;
  /** Generates a key for a did:web issuer and makes it the current one (first key or rotation). */
  addKey(issuer: string): Promise<IssuerPublicKey>;
  /** Every key of the issuer, oldest first. */
  listPublicKeys(issuer: string): Promise<IssuerPublicKey[]>;
}

export function newIssuerKey(issuer: string, masterKey: MasterKey, now: Date): StoredIssuerKey {
  if (!issuer.startsWith('did:web:')) {
    throw new CredentialError('INVALID_ARGUMENT', `only did:web issuers can add keys (a did:key is its key): ${issuer}`);
  }
  const key = generateEd25519Key();
  return {
    issuer,
    verificationMethod: `${issuer}#${key.publicKeyMultibase}`,
    publicKeyMultibase: key.publicKeyMultibase,
    sealed: sealPrivateKey(key.secretKey, masterKey),
    createdAt: now,
  };
}

/** The DID document to serve for an issuer, from its stored keys. */
export async function issuerDidDocument(store: KeyStore, issuer: string): Promise<JsonObject> {
  const keys = await store.listPublicKeys(issuer);
  if (keys.length === 0) throw new CredentialError('KEY_NOT_FOUND', `no keys for ${issuer}`);
  return didWebDocument(issuer, keys.map((k) => k.publicKeyMultibase));
}

const publicPart = ({ sealed: _sealed, ...rest }: StoredIssuerKey): IssuerPublicKey => rest;

/** In-memory key store for tests and one-off CLI runs. */
export class MemoryKeyStore implements KeyStore {
  private readonly keys = new Map<string, StoredIssuerKey[]>();

  constructor(
    private readonly masterKey: MasterKey,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async getSigner(issuer: string): Promise<Signer> {
    const current = this.keys.get(issuer)?.at(-1);
    if (!current) throw new CredentialError('KEY_NOT_FOUND', `no keys for ${issuer}`);
    return createSigner(current.verificationMethod, openPrivateKey(current.sealed, this.masterKey));
  }

  async addKey(issuer: string): Promise<IssuerPublicKey> {
    const key = newIssuerKey(issuer, this.masterKey, this.now());
    this.keys.set(issuer, [...(this.keys.get(issuer) ?? []), key]);
    return publicPart(key);
  }

  async listPublicKeys(issuer: string): Promise<IssuerPublicKey[]> {
    return (this.keys.get(issuer) ?? []).map(publicPart);
  }
}
