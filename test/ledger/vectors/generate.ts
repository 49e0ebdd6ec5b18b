/**
 * Generates the language-neutral ledger test vectors in this folder, in the
 * style of transparency-dev/merkle's testdata: one JSON case per file, hashes
 * in base64, negative cases named after the change they make. Values come from
 * the literal RFC 9162 reference tree (../reference.ts) over the eight RFC 6962
 * test inputs, never from src/ledger, so the vectors check it from outside.
 *
 *     npx tsx test/ledger/vectors/generate.ts     # rewrites inclusion/, consistency/ and tree.json
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RFC6962_LEAVES } from '../memory.js';
import { ReferenceTree } from '../reference.js';

type Vector = Record<string, unknown>;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const flipBit = (h: Uint8Array, bit: number) => {
  const c = Uint8Array.from(h);
  c[bit >> 3]! ^= 1 << (bit & 7);
  return c;
};
const leafHashOf = (t: ReferenceTree, i: number) => t.mth(i, i + 1);

const INCLUSION_NEGATIVES: [number, number][] = [[0, 8], [5, 8], [2, 3], [1, 5], [6, 7]];
const CONSISTENCY_NEGATIVES: [number, number][] = [[1, 8], [6, 8], [2, 5], [3, 7]];

export function generateVectors(): Map<string, Vector> {
  const tree = new ReferenceTree(RFC6962_LEAVES);
  const out = new Map<string, Vector>();
  out.set('tree.json', {
    desc: 'RFC 6962 test inputs (hex) and the MTH of each prefix, sizes 0..8',
    leaves: RFC6962_LEAVES.map((l) => Buffer.from(l).toString('hex')),
    roots: Array.from({ length: 9 }, (_, n) => b64(tree.root(n))),
  });

  for (let n = 1; n <= 8; n++) {
    for (let i = 0; i < n; i++) {
      const base = { leafIdx: i, treeSize: n, root: b64(tree.root(n)), leafHash: b64(leafHashOf(tree, i)), proof: tree.inclusion(i, n).map(b64) };
      const put = (name: string, v: Vector) => out.set(`inclusion/${n}/${i}-${name}.json`, { desc: name, ...base, ...v });
      put('happy-path', { wantErr: false });
      if (!INCLUSION_NEGATIVES.some(([a, b]) => a === i && b === n)) continue;
      const proof = tree.inclusion(i, n);
      put('wrong-leaf', { leafHash: b64(leafHashOf(tree, (i + 1) % n)), wantErr: true, wantCode: 'LEDGER_ROOT_MISMATCH' });
      put('wrong-root', { root: b64(tree.root(n - 1)), wantErr: true, wantCode: 'LEDGER_ROOT_MISMATCH' });
      put('wrong-index', { leafIdx: i ^ 1, wantErr: true });
      // A size with the same path shape (1 in 5 or 6) verifies against the same root: the checkpoint signature binds size and root.
      put('wrong-size', { treeSize: 2 * n, wantErr: true });
      put('index-out-of-range', { leafIdx: n, wantErr: true, wantCode: 'LEDGER_INDEX_OUT_OF_RANGE' });
      put('trailing-garbage', { proof: [...proof, tree.root(1)].map(b64), wantErr: true, wantCode: 'LEDGER_PROOF_WRONG_LENGTH' });
      if (proof.length > 0) {
        put('truncated-proof', { proof: proof.slice(0, -1).map(b64), wantErr: true, wantCode: 'LEDGER_PROOF_WRONG_LENGTH' });
        proof.forEach((_, j) => put(`modified-proof[${j}]-bit-@${j * 3 + 1}`, { proof: proof.map((h, k) => b64(k === j ? flipBit(h, j * 3 + 1) : h)), wantErr: true, wantCode: 'LEDGER_ROOT_MISMATCH' }));
      }
    }
  }

  for (let n = 1; n <= 8; n++) {
    for (let m = 1; m <= n; m++) {
      const proof = tree.consistency(m, n);
      const base = { size1: m, size2: n, root1: b64(tree.root(m)), root2: b64(tree.root(n)), proof: proof.map(b64) };
      const put = (name: string, v: Vector) => out.set(`consistency/${n}/${m}-${name}.json`, { desc: name, ...base, ...v });
      put('happy-path', { wantErr: false });
      if (!CONSISTENCY_NEGATIVES.some(([a, b]) => a === m && b === n)) continue;
      put('wrong-root1', { root1: b64(tree.root(m - 1)), wantErr: true, wantCode: 'LEDGER_ROOT_MISMATCH' });
      put('wrong-root2', { root2: b64(tree.root(n - 1)), wantErr: true, wantCode: 'LEDGER_ROOT_MISMATCH' });
      put('swapped-sizes', { size1: n, size2: m, root1: base.root2, root2: base.root1, wantErr: true, wantCode: 'LEDGER_SIZE_OUT_OF_RANGE' });
      put('trailing-garbage', { proof: [...proof, tree.root(1)].map(b64), wantErr: true, wantCode: 'LEDGER_PROOF_WRONG_LENGTH' });
      put('truncated-proof', { proof: proof.slice(0, -1).map(b64), wantErr: true, wantCode: 'LEDGER_PROOF_WRONG_LENGTH' });
      proof.forEach((_, j) => put(`modified-proof[${j}]-bit-@${j * 5 + 2}`, { proof: proof.map((h, k) => b64(k === j ? flipBit(h, j * 5 + 2) : h)), wantErr: true, wantCode: 'LEDGER_ROOT_MISMATCH' }));
    }
  }
  return out;
}

export const VECTORS_DIR = path.dirname(fileURLToPath(import.meta.url));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  rmSync(path.join(VECTORS_DIR, 'inclusion'), { recursive: true, force: true });
  rmSync(path.join(VECTORS_DIR, 'consistency'), { recursive: true, force: true });
  const vectors = generateVectors();
  for (const [file, v] of vectors) {
    mkdirSync(path.dirname(path.join(VECTORS_DIR, file)), { recursive: true });
    writeFileSync(path.join(VECTORS_DIR, file), `${JSON.stringify(v, null, 2)}\n`);
  }
  process.stdout.write(`wrote ${vectors.size} vectors to ${VECTORS_DIR}\n`);
}
