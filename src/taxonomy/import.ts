import type { DbOrTx } from '../db/index.js';
import { readEscoDir, type ReadEscoOptions } from './esco.js';
import type { ProgressFn } from './model.js';
import { readOnetDir, type ReadOnetOptions } from './onet.js';
import { saveTaxonomy, type SaveResult } from './store.js';

/** Reads an ESCO CSV folder and stores it as release `esco-<version>`; re-importing the same files changes nothing. */
export function importEsco(db: DbOrTx, dir: string, opts: ReadEscoOptions = {}): Promise<SaveResult> {
  return saveTaxonomy(db, readEscoDir(dir, opts), { onProgress: opts.onProgress });
}

/** Reads an O*NET text database folder and stores it as release `onet-<version>`. */
export function importOnet(db: DbOrTx, dir: string, opts: ReadOnetOptions & { onProgress?: ProgressFn } = {}): Promise<SaveResult> {
  return saveTaxonomy(db, readOnetDir(dir, opts), { onProgress: opts.onProgress });
}
