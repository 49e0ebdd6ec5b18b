import { createHash } from 'node:crypto';

/**
 * A literal, slow RFC 9162 §2.1 Merkle tree, for cross-checking the fast code
 * only: MTH, PATH and PROOF exactly as the RFC's recursive definitions read,
 * over byte strings, with nothing shared with src/ledger. Subtree hashes are
 * memoised by range, which changes no result and keeps brute-force runs fast.
 */
export class ReferenceTree {
  private readonly memo = new Map<string, Buffer>();

  constructor(private readonly leaves: readonly Uint8Array[]) {}

  private sha(...parts: Uint8Array[]): Buffer {
    const h = createHash('sha256');
    for (const p of parts) h.update(p);
    return h.digest();
  }

  /** k: the largest power of two smaller than n (§2.1.1). */
  private k(n: number): number {
    let k = 1;
    while (k << 1 < n) k <<= 1;
    return k;
  }

  /** MTH(D[begin:end]) (§2.1.1). */
  mth(begin: number, end: number): Buffer {
    const key = `${begin}:${end}`;
    const known = this.memo.get(key);
    if (known) return known;
    const n = end - begin;
    let h: Buffer;
    if (n === 0) h = this.sha();
    else if (n === 1) h = this.sha(Buffer.from([0]), this.leaves[begin]!);
    else {
      const k = this.k(n);
      h = this.sha(Buffer.from([1]), this.mth(begin, begin + k), this.mth(begin + k, end));
    }
    this.memo.set(key, h);
    return h;
  }

  root(size: number): Buffer {
    return this.mth(0, size);
  }

  /** PATH(m, D[begin:end]) (§2.1.3.1). */
  path(m: number, begin: number, end: number): Buffer[] {
    const n = end - begin;
    if (n === 1) return [];
    const k = this.k(n);
    if (m < k) return [...this.path(m, begin, begin + k), this.mth(begin + k, end)];
    return [...this.path(m - k, begin + k, end), this.mth(begin, begin + k)];
  }

  /** SUBPROOF(m, D[begin:end], b) (§2.1.4.1). */
  subproof(m: number, begin: number, end: number, b: boolean): Buffer[] {
    const n = end - begin;
    if (m === n) return b ? [] : [this.mth(begin, end)];
    const k = this.k(n);
    if (m <= k) return [...this.subproof(m, begin, begin + k, b), this.mth(begin + k, end)];
    return [...this.subproof(m - k, begin + k, end, false), this.mth(begin, begin + k)];
  }

  inclusion(index: number, size: number): Buffer[] {
    return this.path(index, 0, size);
  }

  consistency(m: number, n: number): Buffer[] {
    return this.subproof(m, 0, n, true);
  }
}
