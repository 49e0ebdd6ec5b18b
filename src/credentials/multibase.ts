/** Multibase (base58btc `z`, base64url `u`) and multicodec helpers for Ed25519 keys. */

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Multicodec prefixes: ed25519-pub (0xed) and ed25519-priv (0x1300), as varints. */
export const ED25519_PUB_PREFIX = Uint8Array.of(0xed, 0x01);
export const ED25519_PRIV_PREFIX = Uint8Array.of(0x80, 0x26);

const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DIGIT[ALPHABET.charCodeAt(i)] = i;

// Base conversion on small integers (digits little-endian, carry propagated): no BigInt, linear per digit.
export function base58btcEncode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '1'.repeat(zeros);
  for (let j = digits.length - 1; j >= 0; j--) out += ALPHABET[digits[j]!];
  return out;
}

export function base58btcDecode(text: string): Uint8Array {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = [];
  for (let i = zeros; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const v = code < 128 ? DIGIT[code]! : -1;
    if (v < 0) throw new Error(`not base58btc: '${text[i]}'`);
    let carry = v;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let j = 0; j < bytes.length; j++) out[out.length - 1 - j] = bytes[j]!;
  return out;
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
