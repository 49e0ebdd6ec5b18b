import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CredentialError } from './errors.js';

/**
 * Reads a documents map file (`{"documents": {URL-or-DID: path}}`, paths
 * relative to the map) into the map verification resolves from.
 */
export function loadDocumentsMap(mapFile: string): Map<string, unknown> {
  let parsed: { documents?: Record<string, unknown> };
  try {
    parsed = JSON.parse(readFileSync(mapFile, 'utf8'));
  } catch (cause) {
    throw new CredentialError('INVALID_ARGUMENT', `cannot read the documents map ${mapFile}: ${(cause as Error).message}`, { cause });
  }
  if (!parsed?.documents || typeof parsed.documents !== 'object') {
    throw new CredentialError('INVALID_ARGUMENT', `${mapFile} has no "documents" object`);
  }
  const out = new Map<string, unknown>();
  for (const [id, rel] of Object.entries(parsed.documents)) {
    if (typeof rel !== 'string') throw new CredentialError('INVALID_ARGUMENT', `${mapFile}: the entry for ${id} is not a path`);
    const file = path.resolve(path.dirname(mapFile), rel);
    try {
      out.set(id, JSON.parse(readFileSync(file, 'utf8')));
    } catch (cause) {
      throw new CredentialError('INVALID_ARGUMENT', `${mapFile}: cannot read ${file} for ${id}: ${(cause as Error).message}`, { cause });
    }
  }
  return out;
}
