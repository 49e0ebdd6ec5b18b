import { mkdtempSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createDocumentLoader,
  CredentialError,
  didKeyDocument,
  didWebDocument,
  didWebForIssuer,
  didWebUrl,
  ed25519KeyFromSecret,
  generateEd25519Key,
  loadMasterKey,
  masterKeyFromBytes,
  MemoryKeyStore,
  openPrivateKey,
  sealPrivateKey,
} from '../../src/credentials/index.js';
import { readJson } from './standards.js';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as CredentialError).code;
  }
  return undefined;
};

describe('when sealing a private key', () => {
  const master = masterKeyFromBytes(new Uint8Array(32).fill(1));
  const key = generateEd25519Key();

  it('opens to the same bytes, under a fresh nonce each time', () => {
    const a = sealPrivateKey(key.secretKey, master);
    const b = sealPrivateKey(key.secretKey, master);
    expect(a.iv).not.toBe(b.iv);
    expect(a.kid).toBe(key.publicKeyMultibase);
    expect(Buffer.from(openPrivateKey(a, master)).equals(Buffer.from(key.secretKey))).toBe(true);
  });

  it('refuses a tampered ciphertext, a swapped key id and another master key', () => {
    const sealed = sealPrivateKey(key.secretKey, master);
    const flipped = Buffer.from(sealed.ct, 'base64url');
    flipped[0]! ^= 1;
    expect(code(() => openPrivateKey({ ...sealed, ct: flipped.toString('base64url') }, master))).toBe('SEALED_KEY_INVALID');
    expect(code(() => openPrivateKey({ ...sealed, kid: generateEd25519Key().publicKeyMultibase }, master))).toBe('SEALED_KEY_INVALID');
    expect(code(() => openPrivateKey(sealed, masterKeyFromBytes(new Uint8Array(32).fill(2))))).toBe('SEALED_KEY_INVALID');
  });
});

describe('when loading the master key', () => {
  const bytes = Buffer.alloc(32, 9);

  it('accepts 32 bytes as hex or base64 from MICROCRED_MASTER_KEY, the same key either way', () => {
    const fromHex = loadMasterKey({ envValue: bytes.toString('hex'), keyFilePath: '/nonexistent/key' });
    const fromB64 = loadMasterKey({ envValue: bytes.toString('base64'), keyFilePath: '/nonexistent/key' });
    expect(fromHex.id).toBe(fromB64.id);
  });

  it('refuses a value of the wrong length with a clear error', () => {
    expect(() => loadMasterKey({ envValue: 'abcd', keyFilePath: '/nonexistent/key' })).toThrow(/MICROCRED_MASTER_KEY must be 32 random bytes/);
  });

  it('creates a 0600 key file once and reads the same key back', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mc-')), 'keys', 'master.key');
    const first = loadMasterKey({ keyFilePath: file });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadMasterKey({ keyFilePath: file }).id).toBe(first.id);
  });

  it('refuses a key file others can read', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'mc-')), 'master.key');
    writeFileSync(file, bytes.toString('base64'));
    chmodSync(file, 0o644);
    expect(code(() => loadMasterKey({ keyFilePath: file }))).toBe('INVALID_MASTER_KEY');
  });
});

describe('when deriving DIDs', () => {
  it('matches the did:key test vectors of the W3C CCG', () => {
    const vectors = readJson<Record<string, { seed: string; verificationKeyPair: { publicKeyBase58: string }; didDocument: { id: string } }>>('did-key/test-vectors/ed25519-x25519.json');
    for (const [did, v] of Object.entries(vectors)) {
      const key = ed25519KeyFromSecret(Buffer.from(v.seed, 'hex'));
      expect(`did:key:${key.publicKeyMultibase}`).toBe(did);
      expect(didKeyDocument(did).assertionMethod).toEqual([`${did}#${key.publicKeyMultibase}`]);
    }
  });

  it('maps a hosted issuer to did:web and back to the URL of its document', () => {
    const did = didWebForIssuer('https://creds.example:8443', 'acme-academy');
    expect(did).toBe('did:web:creds.example%3A8443:issuers:acme-academy');
    expect(didWebUrl(did)).toBe('https://creds.example:8443/issuers/acme-academy/did.json');
    expect(didWebUrl('did:web:example.com')).toBe('https://example.com/.well-known/did.json');
  });

  it('lists every key of a rotated issuer as an assertion method', async () => {
    const store = new MemoryKeyStore(masterKeyFromBytes(new Uint8Array(32).fill(3)));
    const did = didWebForIssuer('https://creds.example', 'acme');
    const [k1, k2] = [await store.addKey(did), await store.addKey(did)];
    expect((await store.getSigner(did)).id).toBe(k2.verificationMethod);
    expect(didWebDocument(did, [k1.publicKeyMultibase, k2.publicKeyMultibase]).assertionMethod).toEqual([k1.verificationMethod, k2.verificationMethod]);
    await expect(store.addKey('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi')).rejects.toThrow(CredentialError);
  });
});

describe('when the document loader is asked for something not bundled', () => {
  it('fails naming the URL, without touching the network', async () => {
    await expect(createDocumentLoader()('https://example.org/unknown-context')).rejects.toThrow('https://example.org/unknown-context');
  });

  it('serves bundled contexts, injected documents and verification methods inside them', async () => {
    const doc = { id: 'https://issuer.example/x', verificationMethod: [{ id: 'https://issuer.example/x#k', type: 'Multikey' }] };
    const load = createDocumentLoader({ documents: new Map([[doc.id, doc]]) });
    expect((await load('https://www.w3.org/ns/credentials/v2')).document).toHaveProperty('@context');
    expect((await load('https://issuer.example/x#k')).document).toMatchObject({ id: 'https://issuer.example/x#k' });
  });
});
