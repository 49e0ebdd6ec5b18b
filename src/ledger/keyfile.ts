import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateNoteKey, type NoteKey, parseSigningKey } from './note.js';

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
