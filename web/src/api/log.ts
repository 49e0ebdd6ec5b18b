import { api } from './client';

/** The transparency log as the audit page shows it (GET /api/log). Hashes only: entries carry no personal data. */
export type LogEntryJson =
  | { type: 'issuance'; time: string; credentialIdHash: string; credentialHash: string; issuer: string }
  | { type: 'status'; time: string; credentialIdHash: string; action: 'revoke' | 'suspend' | 'reinstate'; reason: string };

export interface LogEntryView {
  index: number;
  /** base64 */
  leafHash: string;
  /** base64 of the canonical entry bytes */
  encoded: string;
  entry: LogEntryJson;
}

export interface LogSummary {
  origin: string;
  size: number;
  checkpoint: string | null;
  logKey: string | null;
  witnesses: { name: string; key: string; url: string; cosigned: boolean }[];
  quorum: number;
  recent: LogEntryView[];
}

export interface LogSearchResult {
  credentialIdHash: string;
  matchedBy: 'credential id' | 'credential id hash' | 'credential hash' | 'leaf hash';
  checkpoint?: string;
  entries: (LogEntryView & { proof: string[] })[];
}

export const transparencyLog = {
  summary: () => api.get<LogSummary>('/api/log?limit=10'),
  search: (q: string) => api.get<LogSearchResult>(`/api/log/search?q=${encodeURIComponent(q)}`),
};

/*
 * Checking in the browser, with WebCrypto only: nothing the server says about
 * its own proofs is taken on trust. RFC 9162 §2.1.3.2 for inclusion; C2SP
 * signed-note, tlog-checkpoint and tlog-cosignature for the signatures.
 */

type Bytes = Uint8Array<ArrayBuffer>;
const fromB64 = (s: string): Bytes => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const utf8 = (s: string): Bytes => new TextEncoder().encode(s);

function concat(...parts: Uint8Array[]): Bytes {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

async function sha256(...parts: Uint8Array[]): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(...parts)));
}

const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The checkpoint's note text (up to the blank line), size and root, and its signature lines. */
export function parseCheckpointNote(note: string): { text: string; origin: string; size: number; root: string; signatures: { name: string; raw: Bytes }[] } | undefined {
  const sep = note.lastIndexOf('\n\n');
  if (sep < 0) return undefined;
  const text = note.slice(0, sep + 1);
  const [origin, size, root] = text.split('\n');
  const signatures = note
    .slice(sep + 2)
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      return m ? { name: m[1]!, raw: fromB64(m[2]!) } : undefined;
    })
    .filter((s): s is { name: string; raw: Bytes } => !!s);
  if (!origin || !size || !root) return undefined;
  return { text, origin, size: Number(size), root, signatures };
}

/** Recomputes the root from an entry, its index and inclusion proof; true when it is the checkpoint's root. */
export async function verifyInclusion(encoded: string, index: number, size: number, proof: string[], rootB64: string): Promise<boolean> {
  if (index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = await sha256(new Uint8Array([0]), fromB64(encoded));
  for (const p of proof.map(fromB64)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = await sha256(new Uint8Array([1]), p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = await sha256(new Uint8Array([1]), r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equal(r, fromB64(rootB64));
}

export type SignatureCheck = { state: 'valid'; time?: string } | { state: 'invalid' } | { state: 'absent' } | { state: 'unsupported' };

/**
 * Verifies the signature of the key `vkey` (`<name>+<hex id>+<base64(type || key)>`) on a
 * checkpoint note: type 0x01 (the log's Ed25519 note signature) or 0x04 (a witness's
 * cosignature/v1, whose signed message is "cosignature/v1\ntime <t>\n" + the text).
 */
export async function verifyNoteSignature(note: string, vkey: string): Promise<SignatureCheck> {
  const parsed = parseCheckpointNote(note);
  const [name, idHex, ...rest] = vkey.split('+');
  const typed = fromB64(rest.join('+'));
  if (!parsed || !name || !idHex || typed.length !== 33) return { state: 'invalid' };
  const line = parsed.signatures.find((s) => s.name === name && Array.from(s.raw.slice(0, 4), (b) => b.toString(16).padStart(2, '0')).join('') === idHex);
  if (!line) return { state: 'absent' };
  const type = typed[0];
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('raw', typed.slice(1), { name: 'Ed25519' }, false, ['verify']);
  } catch {
    return { state: 'unsupported' };
  }
  const body = line.raw.slice(4);
  if (type === 0x01 && body.length === 64) {
    return (await crypto.subtle.verify({ name: 'Ed25519' }, key, body, utf8(parsed.text))) ? { state: 'valid' } : { state: 'invalid' };
  }
  if (type === 0x04 && body.length === 72) {
    const ts = new DataView(body.buffer, body.byteOffset).getBigUint64(0);
    const message = concat(utf8(`cosignature/v1\ntime ${ts}\n`), utf8(parsed.text));
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, key, body.slice(8), message);
    return ok ? { state: 'valid', time: new Date(Number(ts) * 1000).toISOString() } : { state: 'invalid' };
  }
  return { state: 'invalid' };
}
