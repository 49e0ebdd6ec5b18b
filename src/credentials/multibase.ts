/** Multibase (base58btc `z`, base64url `u`) and multicodec helpers for Ed25519 keys. */

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Multicodec prefixes: ed25519-pub (0xed) and ed25519-priv (0x1300), as varints. */
export const ED25519_PUB_PREFIX = Uint8Array.of(0xed, 0x01);
export const ED25519_PRIV_PREFIX = Uint8Array.of(0x80, 0x26);

export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  let n = 0n;
  for (const b of bytes) n = (n << 8n) | BigInt(b);
  let out = '';
  while (n > 0n) {
    out = ALPHABET[Number(n % 58n)]! + out;
    n /= 58n;
  }
  return '1'.repeat(zeros) + out;
}

export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  let n = 0n;
  for (const c of text) {
    const v = INDEX.get(c);
    if (v === undefined) throw new Error(`not base58btc: '${c}'`);
    n = n * 58n + BigInt(v);
  }
  const bytes: number[] = [];
  while (n > 0n) {
    bytes.unshift(Number(n & 0xffn));
    n >>= 8n;
  }
  return Uint8Array.from([...new Array<number>(zeros).fill(0), ...bytes]);
}

/** Decodes a multibase string (`z` base58btc or `u` base64url, the two Data Integrity uses). */
export function multibaseDecode(text: string): Uint8Array {
  if (text.startsWith('z')) return base58btcDecode(text.slice(1));
  if (text.startsWith('u')) return new Uint8Array(Buffer.from(text.slice(1), 'base64url'));
  throw new Error(`unsupported multibase prefix '${text.slice(0, 1)}'`);
}

function withPrefix(prefix: Uint8Array, key: Uint8Array): string {
  const out = new Uint8Array(prefix.length + key.length);
  out.set(prefix);
  out.set(key, prefix.length);
  return `z${base58btcEncode(out)}`;
}

export function ed25519PublicKeyMultibase(publicKey: Uint8Array): string {
  return withPrefix(ED25519_PUB_PREFIX, publicKey);
}

export function ed25519SecretKeyMultibase(secretKey: Uint8Array): string {
  return withPrefix(ED25519_PRIV_PREFIX, secretKey);
}

/** The raw 32-byte Ed25519 public key in a `z6Mk…` Multikey value. */
export function decodeEd25519PublicKeyMultibase(value: string): Uint8Array {
  const bytes = multibaseDecode(value);
  if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) {
    throw new Error('not an Ed25519 public key (multicodec 0xed01, 32 bytes)');
  }
  return bytes.subarray(2);
}
