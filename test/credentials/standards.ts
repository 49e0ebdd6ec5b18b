import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadDocumentsMap } from '../../src/credentials/index.js';

/** The shared standards folder: vectors are read from there at test time, never copied. */
export const STANDARDS = path.resolve(process.env.MICROCRED_STANDARDS ?? path.join(import.meta.dirname, '../../../shared/standards'));
export const DOCUMENTS_MAP = path.join(STANDARDS, 'credentials/documents.json');
/** The date the standards README verdicts were computed at. */
export const README_NOW = new Date('2026-11-22T00:00:00Z');

export const standardsPath = (rel: string) => path.join(STANDARDS, rel);
export const readText = (rel: string) => readFileSync(standardsPath(rel), 'utf8');
export const readJson = <T = Record<string, unknown>>(rel: string): T => JSON.parse(readText(rel)) as T;

let documents: Map<string, unknown> | undefined;
export function standardsDocuments(): Map<string, unknown> {
  documents ??= loadDocumentsMap(DOCUMENTS_MAP);
  return documents;
}
