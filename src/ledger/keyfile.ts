import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LedgerError } from './errors.js';
import { generateNoteKey, type NoteKey, type NoteVerifier, parseSigningKey, SIG_TYPE } from './note.js';

/**
 * The log's signing key, kept in a file as one `PRIVATE+KEY+…` line (the Go
 * note package's format, so transparency tooling can read it). Created on
 * first use with `origin` as its name; the name then stays the log's origin
 * even if the public URL changes, because a new origin would be a new log.
 */
export function loadOrCreateLogKey(file: string, origin: string): NoteKey {
  if (existsSync(file)) return parseSigningKey(readFileSync(file, 'utf8'));
  const key = generateNoteKey(origin);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${key.skey}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

/**
 * A witness's cosignature/v1 key (type 0x04), kept like the log key. `name`
 * is the witness's name (e.g. `witness.example.org`), used only when the file
 * is created.
 */
export function loadOrCreateWitnessKey(file: string, name: string): NoteKey {
  if (existsSync(file)) {
    const key = parseSigningKey(readFileSync(file, 'utf8'));
    if (Buffer.from(key.vkey.split('+').slice(2).join('+'), 'base64')[0] !== SIG_TYPE.cosignatureV1) throw new LedgerError('LEDGER_KEY_INVALID', `${file} is not a cosignature/v1 (type 0x04) key`);
    return key;
  }
  const key = generateNoteKey(name, SIG_TYPE.cosignatureV1);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${key.skey}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

/**
 * The verifier of the log key kept in `file`, read when the file appears
 * (the server creates it when it starts sequencing). Until then it is named
 * `origin` and verifies nothing, so no checkpoint is accepted by mistake.
 */
export function logVerifierFromFile(file: string, origin: string): () => NoteVerifier {
  let found: NoteVerifier | undefined;
  const none: NoteVerifier = { name: origin, keyId: -1, verify: () => false };
  return () => {
    if (!found && existsSync(file)) found = parseSigningKey(readFileSync(file, 'utf8')).verifier;
    return found ?? none;
  };
}
