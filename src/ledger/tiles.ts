import { LedgerError } from './errors.js';

/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the tree cut into tiles of
 * height 8. The level-L hash tile N holds the hashes of the nodes at tree
 * level 8·L with indexes [256·N, 256·N + W), level 0 being the leaf hashes;
 * the entry bundle N holds entries [256·N, 256·N + W). A tile of fewer than
 * 256 hashes is partial, served as `.p/<W>`.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

export type TileRef =
  | { kind: 'hash'; level: number; index: number; width: number }
  | { kind: 'entries'; index: number; width: number };

/** The tile index in 3-digit groups, all but the last prefixed with x: 1234067 → x001/x234/067. */
export function encodeTileIndex(n: number): string {
  const groups: string[] = [];
  let rest = n;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of a tile below the log's prefix, e.g. `tile/0/x001/x234/067.p/5` or `tile/entries/000`. */
export function tilePath(t: TileRef): string {
  const partial = t.width < TILE_WIDTH ? `.p/${t.width}` : '';
  return `tile/${t.kind === 'entries' ? 'entries' : t.level}/${encodeTileIndex(t.index)}${partial}`;
}

const PATH = /^tile\/(entries|\d{1,2})\/((?:x\d{3}\/)*\d{3})(?:\.p\/(\d{1,3}))?$/;

/** Parses a tile path; only the canonical spelling is accepted, so each tile has one URL (and one cache entry). */
export function parseTilePath(path: string): TileRef {
  const m = PATH.exec(path);
  const bad = () => new LedgerError('LEDGER_TILE_NOT_FOUND', `not a tile path: ${path}`);
  if (!m) throw bad();
  const index = Number(m[2]!.replace(/x|\//g, ''));
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (!Number.isSafeInteger(index) || width < 1 || width > TILE_WIDTH) throw bad();
  const ref: TileRef = m[1] === 'entries' ? { kind: 'entries', index, width } : { kind: 'hash', level: Number(m[1]), index, width };
  if (tilePath(ref) !== path) throw bad();
  return ref;
}

/** How many hashes (or entries) the tile holds in a tree of `size` leaves: 0 when it does not exist yet. */
export function tileWidthAt(level: number, index: number, size: number): number {
  const nodesAtLevel = Math.floor(size / 2 ** (TILE_HEIGHT * level));
  return Math.max(0, Math.min(TILE_WIDTH, nodesAtLevel - index * TILE_WIDTH));
}
