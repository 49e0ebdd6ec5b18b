import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CredentialError } from './errors.js';
import { ed25519KeyFromSecret } from './keys.js';

/** The key that encrypts issuer private keys at rest. `id` names it in every envelope, for rotation. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** A private key encrypted under a master key; JSON-serialisable, safe to store in the database. */
export interface SealedKey {
  v: 1;
  alg: 'A256GCM';
  /** Master key id. */
  mk: string;
  /** The key sealed inside, named by its public key (Multikey), so a sealed blob cannot be swapped for another key's. */
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

export function masterKeyFromBytes(key: Uint8Array): MasterKey {
  if (key.length !== 32) throw new CredentialError('INVALID_MASTER_KEY', `the master key must be 32 bytes, got ${key.length}`);
  const id = createHash('sha256').update('microcred master key v1\0').update(key).digest('hex').slice(0, 16);
  return { id, key: Buffer.from(key) };
}

function aad(mk: string, kid: string): Buffer {
  return Buffer.from(`microcred-sealed-key\0v1\0${mk}\0${kid}`, 'utf8');
}

export function sealPrivateKey(secretKey: Uint8Array, masterKey: MasterKey): SealedKey {
  const kid = ed25519KeyFromSecret(secretKey).publicKeyMultibase;
  // 96-bit random nonce: safe for far more than the 2^32 seals one master key will see.
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey.key, iv);
  cipher.setAAD(aad(masterKey.id, kid));
  const ct = Buffer.concat([cipher.update(secretKey), cipher.final()]);
  return { v: 1, alg: 'A256GCM', mk: masterKey.id, kid, iv: iv.toString('base64url'), ct: ct.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
}

export function openPrivateKey(sealed: SealedKey, masterKey: MasterKey): Uint8Array {
  if (sealed?.v !== 1 || sealed.alg !== 'A256GCM') throw new CredentialError('SEALED_KEY_INVALID', 'unknown sealed key format');
  if (sealed.mk !== masterKey.id) {
    throw new CredentialError('SEALED_KEY_INVALID', `sealed under master key ${sealed.mk}, but master key ${masterKey.id} is loaded`);
  }
  let secret: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey.key, Buffer.from(sealed.iv, 'base64url'));
    decipher.setAAD(aad(sealed.mk, sealed.kid));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
    secret = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64url')), decipher.final()]);
  } catch (cause) {
    throw new CredentialError('SEALED_KEY_INVALID', 'the sealed key does not decrypt: tampered, or a different master key', { cause });
  }
  if (ed25519KeyFromSecret(secret).publicKeyMultibase !== sealed.kid) {
    throw new CredentialError('SEALED_KEY_INVALID', 'the sealed key does not match its key id');
  }
  return new Uint8Array(secret);
}

function parseMasterKey(text: string, source: string): MasterKey {
  const value = text.trim();
  let bytes: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(value)) bytes = Buffer.from(value, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) bytes = Buffer.from(value.replace(/\+/g, '-').replace(/\//g, '_').replace(/=$/, ''), 'base64url');
  if (!bytes || bytes.length !== 32) {
    throw new CredentialError('INVALID_MASTER_KEY', `${source} must be 32 random bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`);
  }
  return masterKeyFromBytes(bytes);
}

/**
 * The master key: MICROCRED_MASTER_KEY when set (the caller passes its value),
 * otherwise a key file, created with 0600 permissions on first use. A key file
 * others can read is refused rather than trusted.
 */
export function loadMasterKey(opts: { envValue?: string; keyFilePath: string }): MasterKey {
  if (opts.envValue !== undefined && opts.envValue !== '') return parseMasterKey(opts.envValue, 'MICROCRED_MASTER_KEY');
  const file = opts.keyFilePath;
  try {
    const mode = statSync(file).mode & 0o777;
    if (mode & 0o077) {
      throw new CredentialError('INVALID_MASTER_KEY', `${file} is readable by others (mode ${mode.toString(8)}); run \`chmod 600 ${file}\``);
    }
    return parseMasterKey(readFileSync(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  // 'wx' fails if another process created the file meanwhile: then read theirs.
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return parseMasterKey(readFileSync(file, 'utf8'), file);
}
