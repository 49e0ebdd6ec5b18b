import { LedgerError } from './errors.js';
import { EMPTY_ROOT, equalHashes, type Hash, nodeHash, requireHash } from './hash.js';

/**
 * The RFC 9162 Merkle tree over a store of perfect-subtree hashes.
 *
 * Every complete node of the tree is stored once (`NodeId`); any range the
 * RFC's recursive definitions ask for is either such a node or a right-edge
 * range, which is the fold of O(log n) stored nodes. A proof therefore costs
 * O(log n) hash reads and O(log n) hashing, whatever the tree size.
 *
 * Sizes and indexes are JS numbers: exact up to 2^53, far beyond any log.
 */

/** The perfect subtree over leaves [index·2^level, (index+1)·2^level). */
export interface NodeId {
  level: number;
  index: number;
}

/** Reads stored node hashes, answering in the order asked. */
export type NodeReader = (ids: readonly NodeId[]) => Promise<Hash[]>;

/** A half-open leaf range [begin, end). */
export type Range = readonly [number, number];

function requireSize(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new LedgerError('LEDGER_SIZE_OUT_OF_RANGE', `${what} must be a non-negative integer, got ${n}`);
}

/** The largest power of two strictly below n. Requires n > 1. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that tile [begin, end), left to right, each as large
 * as alignment allows. For the ranges proofs use (begin a multiple of a power
 * of two ≥ end - begin) they shrink left to right, so the range's MTH is
 * their fold from the right (`foldRight`). Requires 0 <= begin <= end.
 */
export function perfectNodes(begin: number, end: number): NodeId[] {
  const out: NodeId[] = [];
  let at = begin;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (at % (size * 2) === 0 && at + size * 2 <= end) {
      size *= 2;
      level++;
    }
    out.push({ level, index: at / size });
    at += size;
  }
  return out;
}

/** Hashes perfect subtrees listed left to right into the MTH of their union. Requires at least one. */
export function foldRight(hashes: readonly Hash[]): Hash {
  let acc = hashes[hashes.length - 1]!;
  for (let i = hashes.length - 2; i >= 0; i--) acc = nodeHash(hashes[i]!, acc);
  return acc;
}

/** The ranges whose MTHs make up PATH(m, D[0:n]) of RFC 9162 §2.1.3.1, bottom-up. Requires 0 <= m < n. */
export function inclusionRanges(m: number, n: number): Range[] {
  const out: Range[] = [];
  let begin = 0;
  let end = n;
  while (end - begin > 1) {
    const k = splitPoint(end - begin);
    if (m < begin + k) {
      out.push([begin + k, end]);
      end = begin + k;
    } else {
      out.push([begin, begin + k]);
      begin += k;
    }
  }
  return out.reverse();
}

/**
 * The ranges whose MTHs make up PROOF(m, D[0:n]) = SUBPROOF(m, D[0:n], true)
 * of RFC 9162 §2.1.4.1, in proof order. Requires 0 < m <= n; empty when m = n.
 */
export function consistencyRanges(m: number, n: number): Range[] {
  const out: Range[] = [];
  let begin = 0;
  let end = n;
  let whole = true;
  for (;;) {
    if (m === end) {
      // SUBPROOF(m, D[m], b): the old tree itself, unless the verifier already has it as the old root.
      if (!whole) out.push([begin, end]);
      break;
    }
    const k = splitPoint(end - begin);
    if (m <= begin + k) {
      out.push([begin + k, end]);
      end = begin + k;
    } else {
      out.push([begin, begin + k]);
      begin += k;
      whole = false;
    }
  }
  return out.reverse();
}

/** Reads the nodes behind each range in one call and folds each range's MTH. */
export async function rangeHashes(read: NodeReader, ranges: readonly Range[]): Promise<Hash[]> {
  const groups = ranges.map(([b, e]) => perfectNodes(b, e));
  const hashes = await read(groups.flat());
  let at = 0;
  return groups.map((g) => {
    const part = hashes.slice(at, at + g.length);
    at += g.length;
    return foldRight(part);
  });
}

/** MTH(D[0:size]) from stored nodes. Requires size >= 0 and every complete node of that tree stored. */
export async function rootHash(read: NodeReader, size: number): Promise<Hash> {
  requireSize(size, 'tree size');
  if (size === 0) return EMPTY_ROOT;
  return (await rangeHashes(read, [[0, size]]))[0]!;
}

/** The inclusion proof of leaf `index` in the tree of `size` leaves. Requires 0 <= index < size. */
export async function inclusionProof(read: NodeReader, index: number, size: number): Promise<Hash[]> {
  requireSize(size, 'tree size');
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new LedgerError('LEDGER_INDEX_OUT_OF_RANGE', `leaf index ${index} is not in a tree of size ${size}`);
  }
  return rangeHashes(read, inclusionRanges(index, size));
}

/** The consistency proof from tree size m to tree size n. Requires 0 <= m <= n; empty when m is 0 or n. */
export async function consistencyProof(read: NodeReader, m: number, n: number): Promise<Hash[]> {
  requireSize(m, 'old tree size');
  requireSize(n, 'new tree size');
  if (m > n) throw new LedgerError('LEDGER_SIZE_OUT_OF_RANGE', `old tree size ${m} is larger than new tree size ${n}`);
  if (m === 0) return [];
  return rangeHashes(read, consistencyRanges(m, n));
}

const odd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

function isPowerOfTwo(x: number): boolean {
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

/**
 * RFC 9162 §2.1.3.2: checks that `leaf` is at `index` in the tree of `size`
 * leaves whose root is `root`. The index and proof come from the log, so
 * they are treated as hostile: every step is bounds-checked.
 * Throws LEDGER_INDEX_OUT_OF_RANGE, LEDGER_PROOF_WRONG_LENGTH, LEDGER_HASH_WRONG_LENGTH or LEDGER_ROOT_MISMATCH.
 */
export function verifyInclusion(leaf: Hash, index: number, size: number, proof: readonly Hash[], root: Hash): void {
  requireSize(size, 'tree size');
  requireHash(leaf, 'the leaf hash');
  requireHash(root, 'the root hash');
  proof.forEach((p, i) => requireHash(p, `proof[${i}]`));
  if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
    throw new LedgerError('LEDGER_INDEX_OUT_OF_RANGE', `leaf index ${index} is not in a tree of size ${size}`);
  }
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new LedgerError('LEDGER_PROOF_WRONG_LENGTH', `the proof is longer than a tree of size ${size} needs`);
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new LedgerError('LEDGER_PROOF_WRONG_LENGTH', `the proof is shorter than a tree of size ${size} needs`);
  if (!equalHashes(r, root)) throw new LedgerError('LEDGER_ROOT_MISMATCH', 'the inclusion proof leads to a different root');
}

/**
 * RFC 9162 §2.1.4.2: checks that the tree of size `m` with root `oldRoot` is
 * a prefix of the tree of size `n` with root `newRoot`. Requires 0 <= m <= n
 * (LEDGER_SIZE_OUT_OF_RANGE otherwise). An empty old tree is a prefix of any
 * tree; equal sizes need an empty proof and equal roots.
 */
export function verifyConsistency(m: number, n: number, proof: readonly Hash[], oldRoot: Hash, newRoot: Hash): void {
  requireSize(m, 'old tree size');
  requireSize(n, 'new tree size');
  requireHash(oldRoot, 'the old root');
  requireHash(newRoot, 'the new root');
  proof.forEach((p, i) => requireHash(p, `proof[${i}]`));
  if (m > n) throw new LedgerError('LEDGER_SIZE_OUT_OF_RANGE', `old tree size ${m} is larger than new tree size ${n}`);
  if (m === 0 || m === n) {
    if (proof.length !== 0) throw new LedgerError('LEDGER_PROOF_WRONG_LENGTH', `a proof from size ${m} to ${n} is empty`);
    if (m === n && !equalHashes(oldRoot, newRoot)) throw new LedgerError('LEDGER_ROOT_MISMATCH', `two different roots for tree size ${n}`);
    return;
  }
  if (proof.length === 0) throw new LedgerError('LEDGER_PROOF_WRONG_LENGTH', `a proof from size ${m} to ${n} is not empty`);
  // Step 2: when m is a power of two the old root is itself the first node of the path.
  const path = isPowerOfTwo(m) ? [oldRoot, ...proof] : proof;
  let fn = m - 1;
  let sn = n - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) throw new LedgerError('LEDGER_PROOF_WRONG_LENGTH', `the proof is longer than sizes ${m} to ${n} need`);
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new LedgerError('LEDGER_PROOF_WRONG_LENGTH', `the proof is shorter than sizes ${m} to ${n} need`);
  if (!equalHashes(fr, oldRoot)) throw new LedgerError('LEDGER_ROOT_MISMATCH', `the proof does not lead to the old root of size ${m}`);
  if (!equalHashes(sr, newRoot)) throw new LedgerError('LEDGER_ROOT_MISMATCH', `the proof does not lead to the new root of size ${n}`);
}
