import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { LedgerError } from './errors.js';
import { sha256 } from './hash.js';

/**
 * C2SP signed notes (https://c2sp.org/signed-note): a text ending in a
 * newline, a blank line, then lines `— <key name> base64(key ID || signature)`.
 * A key is named by (name, 4-byte key ID); the ID commits to the signature
 * type, so one key can never be confused with another algorithm's.
 */

/** Signature type bytes of C2SP signed-note §Signature types. */
export const SIG_TYPE = { ed25519: 0x01, cosignatureV1: 0x04 } as const;

export interface NoteSigner {
  name: string;
  keyId: number;
  /** The signature bytes that follow the key ID for this note text. */
  sign(text: Uint8Array): Uint8Array;
}

export interface NoteVerifier {
  name: string;
  keyId: number;
  verify(text: Uint8Array, signature: Uint8Array): boolean;
}

/** An Ed25519 key of the given signature type, with its C2SP key strings. */
export interface NoteKey {
  signer: NoteSigner;
  verifier: NoteVerifier;
  /** Verifier key, `<name>+<hex key ID>+<base64(type || public key)>`: safe to publish. */
  vkey: string;
  /** Signing key in the Go note package's form, `PRIVATE+KEY+<name>+<hex key ID>+<base64(type || seed)>`: secret. */
  skey: string;
}

const MAX_SIGNATURES = 100;
const NAME = /^[^\s+]+$/u;
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** C2SP signed-note: key ID = SHA-256(name || 0x0A || type || public key)[:4], big-endian. */
export function keyId(name: string, type: number, publicKey: Uint8Array): number {
  const h = sha256(new TextEncoder().encode(`${name}\n`), new Uint8Array([type]), publicKey);
  return new DataView(h.buffer, h.byteOffset).getUint32(0);
}

function requireName(name: string): void {
  if (!NAME.test(name)) throw new LedgerError('LEDGER_KEY_INVALID', `a key name is non-empty, without spaces or "+": ${JSON.stringify(name)}`);
}

const hex8 = (id: number) => id.toString(16).padStart(8, '0');

function publicKeyObject(raw: Uint8Array): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

/** The message a signature of this type covers: the note text, or for cosignature/v1 the timestamped statement. */
function signedMessage(type: number, text: Uint8Array, timestamp: bigint): Uint8Array {
  if (type === SIG_TYPE.ed25519) return text;
  // C2SP tlog-cosignature §Ed25519 signed message.
  const head = new TextEncoder().encode(`cosignature/v1\ntime ${timestamp}\n`);
  const out = new Uint8Array(head.length + text.length);
  out.set(head);
  out.set(text, head.length);
  return out;
}

function verifierFor(name: string, type: number, publicKey: Uint8Array): NoteVerifier {
  const key = publicKeyObject(publicKey);
  return {
    name,
    keyId: keyId(name, type, publicKey),
    verify(text, signature) {
      if (type === SIG_TYPE.ed25519) return signature.length === 64 && verify(null, text, key, signature);
      // tlog-cosignature: timestamped_signature = u64 timestamp || ed25519 signature; timestamp < 2^63.
      if (signature.length !== 72) return false;
      const ts = new DataView(signature.buffer, signature.byteOffset).getBigUint64(0);
      if (ts >= 1n << 63n) return false;
      return verify(null, signedMessage(type, text, ts), key, signature.subarray(8));
    },
  };
}

/**
 * An Ed25519 note key from a 32-byte seed. `type` is 0x01 for a log key and
 * 0x04 for a witness's cosignature/v1 key; `now` stamps cosignatures.
 */
export function noteKeyFromSeed(name: string, seed: Uint8Array, type: number = SIG_TYPE.ed25519, now: () => Date = () => new Date()): NoteKey {
  requireName(name);
  if (seed.length !== 32) throw new LedgerError('LEDGER_KEY_INVALID', 'an Ed25519 seed is 32 bytes');
  if (type !== SIG_TYPE.ed25519 && type !== SIG_TYPE.cosignatureV1) throw new LedgerError('LEDGER_KEY_INVALID', `unsupported signature type 0x${type.toString(16)}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = new Uint8Array(Buffer.from(createPublicKey(privateKey).export({ format: 'jwk' }).x!, 'base64url'));
  const id = keyId(name, type, publicKey);
  const typed = (b: Uint8Array) => Buffer.concat([Buffer.from([type]), b]).toString('base64');
  return {
    signer: {
      name,
      keyId: id,
      sign(text) {
        if (type === SIG_TYPE.ed25519) return new Uint8Array(sign(null, text, privateKey));
        const ts = BigInt(Math.floor(now().getTime() / 1000));
        const out = new Uint8Array(72);
        new DataView(out.buffer).setBigUint64(0, ts);
        out.set(sign(null, signedMessage(type, text, ts), privateKey), 8);
        return out;
      },
    },
    verifier: verifierFor(name, type, publicKey),
    vkey: `${name}+${hex8(id)}+${typed(publicKey)}`,
    skey: `PRIVATE+KEY+${name}+${hex8(id)}+${typed(seed)}`,
  };
}

export function generateNoteKey(name: string, type: number = SIG_TYPE.ed25519, now?: () => Date): NoteKey {
  const d = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' }).d!;
  return noteKeyFromSeed(name, new Uint8Array(Buffer.from(d, 'base64url')), type, now);
}

/** Splits a key string into `parts` fields on "+"; the last (base64) field may itself contain "+". */
function splitKey(text: string, parts: number): string[] {
  const p = text.trim().split('+');
  if (p.length < parts) throw new LedgerError('LEDGER_KEY_INVALID', 'not a note key string');
  return [...p.slice(0, parts - 1), p.slice(parts - 1).join('+')];
}

function typedKey(name: string, idHex: string, b64: string): { type: number; material: Uint8Array } {
  requireName(name);
  const raw = new Uint8Array(Buffer.from(b64, 'base64'));
  if (!/^[0-9a-f]{8}$/.test(idHex) || raw.length !== 33 || Buffer.from(raw).toString('base64') !== b64) {
    throw new LedgerError('LEDGER_KEY_INVALID', 'not a well-formed note key');
  }
  return { type: raw[0]!, material: raw.slice(1) };
}

/** Parses a signing key string (`PRIVATE+KEY+…`), checking that its key ID matches. */
export function parseSigningKey(skey: string, now?: () => Date): NoteKey {
  const [p1, p2, name, idHex, b64] = splitKey(skey, 5);
  if (p1 !== 'PRIVATE' || p2 !== 'KEY') throw new LedgerError('LEDGER_KEY_INVALID', 'a signing key starts with PRIVATE+KEY+');
  const { type, material } = typedKey(name!, idHex!, b64!);
  const key = noteKeyFromSeed(name!, material, type, now);
  if (hex8(key.signer.keyId) !== idHex) throw new LedgerError('LEDGER_KEY_INVALID', 'the key ID does not match the key');
  return key;
}

/** Parses a verifier key string (`<name>+<hex id>+<base64(type || public key)>`) of type 0x01 or 0x04. */
export function parseVerifierKey(vkey: string): NoteVerifier {
  const [name, idHex, b64] = splitKey(vkey, 3);
  const { type, material } = typedKey(name!, idHex!, b64!);
  if (type !== SIG_TYPE.ed25519 && type !== SIG_TYPE.cosignatureV1) throw new LedgerError('LEDGER_KEY_INVALID', `unsupported signature type 0x${type.toString(16)}`);
  const v = verifierFor(name!, type, material);
  if (hex8(v.keyId) !== idHex) throw new LedgerError('LEDGER_KEY_INVALID', 'the key ID does not match the key');
  return v;
}

export interface NoteSignature {
  name: string;
  keyId: number;
  /** The bytes after the key ID. */
  signature: Uint8Array;
}

const malformed = (msg: string) => new LedgerError('LEDGER_NOTE_MALFORMED', msg);
const SIG_LINE = /^— (\S+) ([A-Za-z0-9+/]+={0,2})$/u;

/** Splits a signed note into its text (with the final newline) and signatures, checking the format only. */
export function parseNote(note: string): { text: string; signatures: NoteSignature[] } {
  // signed-note §Format: valid UTF-8 without control characters other than newline.
  for (let i = 0; i < note.length; i++) {
    const c = note.charCodeAt(i);
    if (c < 0x20 && c !== 0x0a) throw malformed('the note contains control characters');
  }
  if (!note.endsWith('\n')) throw malformed('a note ends with a newline');
  const sep = note.lastIndexOf('\n\n');
  if (sep < 0) throw malformed('the note has no blank line before its signatures');
  const text = note.slice(0, sep + 1);
  const lines = note.slice(sep + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) throw malformed(`more than ${MAX_SIGNATURES} signatures`);
  const signatures = lines.map((line) => {
    const m = SIG_LINE.exec(line);
    if (!m) throw malformed(`not a signature line: ${JSON.stringify(line.slice(0, 80))}`);
    const raw = new Uint8Array(Buffer.from(m[2]!, 'base64'));
    if (raw.length < 5 || Buffer.from(raw).toString('base64') !== m[2]) throw malformed('a signature is not canonical base64 of a key ID and signature');
    return { name: m[1]!, keyId: new DataView(raw.buffer).getUint32(0), signature: raw.slice(4) };
  });
  return { text, signatures };
}

function signatureLine(signer: NoteSigner, text: Uint8Array): string {
  const sig = signer.sign(text);
  const raw = new Uint8Array(4 + sig.length);
  new DataView(raw.buffer).setUint32(0, signer.keyId);
  raw.set(sig, 4);
  return `— ${signer.name} ${Buffer.from(raw).toString('base64')}\n`;
}

/** Signs a note text (which must end in a newline) with each signer. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (!text.endsWith('\n')) throw malformed('a note text ends with a newline');
  const bytes = new TextEncoder().encode(text);
  return `${text}\n${signers.map((s) => signatureLine(s, bytes)).join('')}`;
}

/** Adds signatures to an already signed note (a witness co-signing), keeping the existing ones. */
export function addSignatures(note: string, signers: readonly NoteSigner[]): string {
  const { text } = parseNote(note);
  const bytes = new TextEncoder().encode(text);
  return note + signers.map((s) => signatureLine(s, bytes)).join('');
}

/**
 * Verifies a note against known keys, as signed-note §Signatures requires:
 * signatures of unknown keys are ignored, a known key's bad signature rejects
 * the whole note, and at least one known key must have signed. Returns the
 * text and the verifiers whose signatures verified.
 */
export function openNote(note: string, known: readonly NoteVerifier[]): { text: string; verifiedBy: NoteVerifier[] } {
  const { text, signatures } = parseNote(note);
  const bytes = new TextEncoder().encode(text);
  const verifiedBy: NoteVerifier[] = [];
  for (const s of signatures) {
    const v = known.find((k) => k.name === s.name && k.keyId === s.keyId);
    if (!v) continue;
    if (!v.verify(bytes, s.signature)) throw new LedgerError('LEDGER_NOTE_UNVERIFIED', `the signature of ${s.name} does not verify`);
    if (!verifiedBy.includes(v)) verifiedBy.push(v);
  }
  if (verifiedBy.length === 0) throw new LedgerError('LEDGER_NOTE_UNVERIFIED', 'no known key signed this note');
  return { text, verifiedBy };
}
