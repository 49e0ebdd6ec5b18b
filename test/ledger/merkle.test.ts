import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CompactRange,
  consistencyProof,
  EMPTY_ROOT,
  type Hash,
  inclusionProof,
  leafHash,
  LedgerError,
  type LedgerErrorCode,
  type NodeReader,
  rootHash,
  verifyConsistency,
  verifyInclusion,
} from '../../src/ledger/index.js';
import { memoryTree, hex, numberedEntries, RFC6962_LEAVES, unhex } from './memory.js';
import { ReferenceTree } from './reference.js';

function codeOf(fn: () => void): LedgerErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (e) {
    if (e instanceof LedgerError) return e.code;
    throw e;
  }
}

/*
 * Known answers for the eight RFC 6962 test inputs: the published roots of
 * sizes 0..8 and proofs, as used by the CT reference implementations'
 * tests (certificate-transparency merkle_tree_test.cc; transparency-dev/merkle
 * proof/verify_test.go). Indexes below are 0-based.
 */
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const INCLUSION: { index: number; size: number; proof: string[] }[] = [
  { index: 0, size: 1, proof: [] },
  {
    index: 0,
    size: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

const CONSISTENCY: { m: number; n: number; proof: string[] }[] = [
  { m: 1, n: 1, proof: [] },
  {
    m: 1,
    n: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    m: 6,
    n: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    m: 2,
    n: 5,
    proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
];

describe('when hashing the RFC 6962 test inputs', () => {
  const tree = memoryTree(RFC6962_LEAVES);

  it('gives the published roots for sizes 0 to 8', async () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n++) expect(hex(await rootHash(tree.read, n)), `size ${n}`).toBe(ROOTS[n]);
  });

  it('gives the published leaf hash of the empty entry', () => {
    expect(hex(leafHash(new Uint8Array()))).toBe(ROOTS[1]);
  });

  it('gives the published inclusion proofs, and they verify', async () => {
    for (const v of INCLUSION) {
      const proof = await inclusionProof(tree.read, v.index, v.size);
      expect(proof.map(hex), `${v.index}@${v.size}`).toEqual(v.proof);
      verifyInclusion(leafHash(RFC6962_LEAVES[v.index]!), v.index, v.size, proof, unhex(ROOTS[v.size]!));
    }
  });

  it('gives the published consistency proofs, and they verify', async () => {
    for (const v of CONSISTENCY) {
      const proof = await consistencyProof(tree.read, v.m, v.n);
      expect(proof.map(hex), `${v.m}→${v.n}`).toEqual(v.proof);
      verifyConsistency(v.m, v.n, proof, unhex(ROOTS[v.m]!), unhex(ROOTS[v.n]!));
    }
  });
});

describe('when compared with the literal RFC 9162 definitions for every tree up to 300 entries', () => {
  const N = 300;
  const entries = numberedEntries(N);
  const ref = new ReferenceTree(entries);
  const fast = memoryTree(entries);
  const same = (a: readonly Uint8Array[], b: readonly Uint8Array[]) => a.length === b.length && a.every((h, i) => Buffer.compare(h, b[i]!) === 0);

  it('computes the same root for every size, stored or appended', async () => {
    const range = CompactRange.of(0, []);
    const bad: number[] = [];
    for (let n = 1; n <= N; n++) {
      range.append(entries[n - 1]!);
      const want = ref.root(n);
      if (!same([await rootHash(fast.read, n), range.root()], [want, want])) bad.push(n);
    }
    expect(bad).toEqual([]);
  });

  it('builds the same inclusion proof for every index and size, and each verifies', async () => {
    const bad: string[] = [];
    for (let n = 1; n <= N; n++) {
      const root = ref.root(n);
      for (let i = 0; i < n; i++) {
        const proof = await inclusionProof(fast.read, i, n);
        if (!same(proof, ref.inclusion(i, n))) bad.push(`${i}@${n}`);
        verifyInclusion(leafHash(entries[i]!), i, n, proof, root);
      }
    }
    expect(bad).toEqual([]);
  });

  it('builds the same consistency proof for every pair of sizes, and each verifies', async () => {
    const bad: string[] = [];
    for (let n = 1; n <= N; n++) {
      for (let m = 1; m <= n; m++) {
        const proof = await consistencyProof(fast.read, m, n);
        if (!same(proof, ref.consistency(m, n))) bad.push(`${m}→${n}`);
        verifyConsistency(m, n, proof, ref.root(m), ref.root(n));
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('when an inclusion proof is checked against the wrong things', () => {
  const entries = numberedEntries(1000);
  const ref = new ReferenceTree(entries);

  const cases = fc
    .integer({ min: 2, max: 1000 })
    .chain((n) => fc.record({ n: fc.constant(n), i: fc.nat(n - 1), other: fc.nat(n - 1), bit: fc.nat(255), pick: fc.nat() }));

  it('rejects a changed leaf, index, size, root or proof hash with a root mismatch', () => {
    fc.assert(
      fc.property(cases, ({ n, i, other, bit, pick }) => {
        const proof = ref.inclusion(i, n);
        const root = ref.root(n);
        const leaf = leafHash(entries[i]!);
        const flip = (h: Uint8Array) => {
          const c = Uint8Array.from(h);
          c[bit >> 3]! ^= 1 << (bit & 7);
          return c;
        };
        expect(codeOf(() => verifyInclusion(leaf, i, n, proof, root))).toBe('none');
        expect(codeOf(() => verifyInclusion(flip(leaf), i, n, proof, root))).toBe('LEDGER_ROOT_MISMATCH');
        expect(codeOf(() => verifyInclusion(leaf, i, n, proof, flip(root)))).toBe('LEDGER_ROOT_MISMATCH');
        if (other !== i) expect(codeOf(() => verifyInclusion(leaf, other, n, proof, root))).not.toBe('none');
        if (proof.length > 0) {
          const j = pick % proof.length;
          const modified = proof.map((h, k) => (k === j ? flip(h) : h));
          expect(codeOf(() => verifyInclusion(leaf, i, n, modified, root))).toBe('LEDGER_ROOT_MISMATCH');
          expect(codeOf(() => verifyInclusion(leaf, i, n, proof.slice(0, -1), root))).toBe('LEDGER_PROOF_WRONG_LENGTH');
        }
        expect(codeOf(() => verifyInclusion(leaf, i, n, [...proof, root], root))).toBe('LEDGER_PROOF_WRONG_LENGTH');
      }),
      { numRuns: 300 },
    );
  });

  it('names the failure when the index is out of range or a hash is short', () => {
    const root = ref.root(8);
    expect(codeOf(() => verifyInclusion(leafHash(entries[0]!), 8, 8, ref.inclusion(0, 8), root))).toBe('LEDGER_INDEX_OUT_OF_RANGE');
    expect(codeOf(() => verifyInclusion(leafHash(entries[0]!), 0, 8, [new Uint8Array(31)], root))).toBe('LEDGER_HASH_WRONG_LENGTH');
    expect(codeOf(() => verifyInclusion(leafHash(entries[0]!), -1, 8, [], root))).toBe('LEDGER_INDEX_OUT_OF_RANGE');
  });
});

/** Entries as a rewriting log operator might serve them instead of `entries`. */
const rewrite = fc.oneof(
  fc.record({ kind: fc.constant('modify' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('truncate-and-regrow' as const), at: fc.nat() }),
);

describe('when the log rewrites history before a saved tree size', () => {
  it('any changed, reordered or dropped entry fails consistency with the saved root', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 400 }).chain((n) => fc.record({ n: fc.constant(n), m: fc.integer({ min: 1, max: n - 1 }), r: rewrite })),
        async ({ n, m, r }) => {
          const entries = numberedEntries(n);
          const honest = new ReferenceTree(entries);
          const served = [...entries];
          const i = r.at % m; // always inside the saved tree
          if (r.kind === 'modify') served[i] = new TextEncoder().encode(`forged ${i}`);
          if (r.kind === 'swap') {
            const j = r.with % n === i ? (i + 1) % n : r.with % n;
            [served[i], served[j]] = [served[j]!, served[i]!];
          }
          if (r.kind === 'truncate-and-regrow') served.splice(i, n - i, ...numberedEntries(n - i).map((e) => Uint8Array.from([...e, 0x21])));
          const forged = memoryTree(served);
          const forgedRoot = await rootHash(forged.read, n);
          // The forger's own proof, and the honest proof, both fail against the saved (honest) old root.
          const theirs = await consistencyProof(forged.read, m, n);
          expect(codeOf(() => verifyConsistency(m, n, theirs, honest.root(m), forgedRoot))).toBe('LEDGER_ROOT_MISMATCH');
          expect(codeOf(() => verifyConsistency(m, n, honest.consistency(m, n), honest.root(m), forgedRoot))).toBe('LEDGER_ROOT_MISMATCH');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a smaller tree or a different root at the same size is rejected', () => {
    const ref = new ReferenceTree(numberedEntries(10));
    expect(codeOf(() => verifyConsistency(10, 9, [], ref.root(10), ref.root(9)))).toBe('LEDGER_SIZE_OUT_OF_RANGE');
    expect(codeOf(() => verifyConsistency(9, 9, [], ref.root(9), ref.root(8)))).toBe('LEDGER_ROOT_MISMATCH');
    expect(codeOf(() => verifyConsistency(9, 9, [ref.root(1)], ref.root(9), ref.root(9)))).toBe('LEDGER_PROOF_WRONG_LENGTH');
    expect(codeOf(() => verifyConsistency(4, 9, [], ref.root(4), ref.root(9)))).toBe('LEDGER_PROOF_WRONG_LENGTH');
    expect(codeOf(() => verifyConsistency(4, 9, [...ref.consistency(4, 9), ref.root(1)], ref.root(4), ref.root(9)))).toBe('LEDGER_PROOF_WRONG_LENGTH');
    expect(codeOf(() => verifyConsistency(5, 9, ref.consistency(5, 9).slice(1), ref.root(5), ref.root(9)))).toBe('LEDGER_PROOF_WRONG_LENGTH');
    expect(codeOf(() => verifyConsistency(0, 9, [], ref.root(0), ref.root(9)))).toBe('none');
  });
});

describe('when the tree has ten million entries', () => {
  // Every node hash is a function of its position, so no tree needs building: only the reads are counted.
  const synthetic = (): { read: NodeReader; count: () => number } => {
    let count = 0;
    return {
      read: async (ids) => {
        count += ids.length;
        return ids.map((id) => leafHash(new TextEncoder().encode(`${id.level}/${id.index}`)) as Hash);
      },
      count: () => count,
    };
  };

  it('reads O(log n) node hashes per proof', async () => {
    const n = 10_000_000;
    fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n }), async (i, m) => {
        const s = synthetic();
        await inclusionProof(s.read, i, n);
        expect(s.count()).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(n)));
        const t = synthetic();
        await consistencyProof(t.read, m, n);
        expect(t.count()).toBeLessThanOrEqual(3 * Math.ceil(Math.log2(n)));
      }),
      { numRuns: 200 },
    );
  });
});
