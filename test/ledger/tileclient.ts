import { createHash } from 'node:crypto';

/**
 * A tiny tlog-tiles client written from C2SP tlog-tiles and RFC 9162 alone,
 * sharing no code with src/ledger: it recomputes a checkpoint's root from the
 * served tiles, using the highest tile level available for each subtree, and
 * checks every entry in the bundles against its level-0 leaf hash.
 */
type Fetch = (path: string) => Promise<Uint8Array>;

const sha = (...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const node = (l: Uint8Array, r: Uint8Array) => sha(Uint8Array.of(1), l, r);

function indexPath(n: number): string {
  const s = String(n).padStart(3, '0');
  const groups: string[] = [];
  for (let end = s.length; end > 0; end -= 3) groups.unshift(s.slice(Math.max(0, end - 3), end).padStart(3, '0'));
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

function path(kind: string, index: number, width: number): string {
  return `tile/${kind}/${indexPath(index)}${width < 256 ? `.p/${width}` : ''}`;
}

export async function rootFromTiles(fetchTile: Fetch, size: number): Promise<Uint8Array> {
  if (size === 0) return sha();
  const cache = new Map<string, Uint8Array>();
  /** Hashes at tree height 8·level, indexes [first, first + count), from the level's tiles. */
  async function hashesAt(level: number, first: number, count: number): Promise<Uint8Array[]> {
    const nodesAtLevel = Math.floor(size / 256 ** level);
    const out: Uint8Array[] = [];
    for (let i = first; i < first + count; i++) {
      const t = Math.floor(i / 256);
      const width = Math.min(256, nodesAtLevel - t * 256);
      const p = path(String(level), t, width);
      if (!cache.has(p)) cache.set(p, await fetchTile(p));
      const tile = cache.get(p)!;
      if (tile.length !== width * 32) throw new Error(`${p} is ${tile.length} bytes`);
      out.push(tile.slice((i % 256) * 32, (i % 256) * 32 + 32));
    }
    return out;
  }
  // The perfect subtrees of a tree of this size, left to right, from the binary expansion of the size.
  const subtrees: Uint8Array[] = [];
  let start = 0;
  for (let h = 52; h >= 0; h--) {
    if (Math.floor(size / 2 ** h) % 2 === 0) continue;
    const level = Math.floor(h / 8);
    const below = h - 8 * level;
    let row = await hashesAt(level, start / 2 ** (8 * level), 2 ** below);
    while (row.length > 1) row = row.flatMap((_, i) => (i % 2 === 0 ? [node(row[i]!, row[i + 1]!)] : []));
    subtrees.push(row[0]!);
    start += 2 ** h;
  }
  let root = subtrees.pop()!;
  while (subtrees.length) root = node(subtrees.pop()!, root);
  return root;
}

/** Checks that every entry in the bundles hashes to the leaf hash in the level-0 tiles; returns the entries. */
export async function entriesFromTiles(fetchTile: Fetch, size: number): Promise<Uint8Array[]> {
  const entries: Uint8Array[] = [];
  for (let t = 0; t * 256 < size; t++) {
    const width = Math.min(256, size - t * 256);
    const bundle = await fetchTile(path('entries', t, width));
    const leaves = await fetchTile(path('0', t, width));
    let at = 0;
    for (let i = 0; i < width; i++) {
      const len = (bundle[at]! << 8) | bundle[at + 1]!;
      const entry = bundle.slice(at + 2, at + 2 + len);
      at += 2 + len;
      const want = leaves.slice(i * 32, i * 32 + 32);
      if (Buffer.compare(sha(Uint8Array.of(0), entry), want) !== 0) throw new Error(`entry ${t * 256 + i} does not match its leaf hash`);
      entries.push(entry);
    }
    if (at !== bundle.length) throw new Error(`bundle ${t} has trailing bytes`);
  }
  return entries;
}
