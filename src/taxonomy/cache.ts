import type { DbOrTx } from '../db/index.js';
import type { Taxonomy } from './model.js';
import { getVersion, loadTaxonomy } from './store.js';

// Releases are immutable, so a loaded one stays valid for as long as its
// content hash is unchanged; one cache per database handle.
const caches = new WeakMap<object, Map<string, { hash: string; taxonomy: Promise<Taxonomy> }>>();

/** The release (default one when no id) from memory if unchanged since it was last read. */
export async function cachedTaxonomy(db: DbOrTx, id?: string): Promise<{ taxonomy: Taxonomy; hash: string }> {
  const v = await getVersion(db, id);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let hit = cache.get(v.id);
  if (!hit || hit.hash !== v.contentHash) {
    hit = { hash: v.contentHash, taxonomy: loadTaxonomy(db, v.id) };
    cache.set(v.id, hit);
    hit.taxonomy.catch(() => cache.delete(v.id));
  }
  return { taxonomy: await hit.taxonomy, hash: v.contentHash };
}
