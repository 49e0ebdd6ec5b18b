import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LedgerError, parseHash, rootHash, verifyConsistency, verifyInclusion } from '../../src/ledger/index.js';
import { memoryTree, RFC6962_LEAVES } from './memory.js';
import { generateVectors, VECTORS_DIR } from './vectors/generate.js';

interface Case {
  desc: string;
  wantErr: boolean;
  wantCode?: string;
}
interface InclusionCase extends Case {
  leafIdx: number;
  treeSize: number;
  root: string;
  leafHash: string;
  proof: string[];
}
interface ConsistencyCase extends Case {
  size1: number;
  size2: number;
  root1: string;
  root2: string;
  proof: string[];
}

function load<T>(kind: string): [string, T][] {
  const dir = path.join(VECTORS_DIR, kind);
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [`${kind}/${f}`, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as T]);
}

function outcome(fn: () => void): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    if (e instanceof LedgerError) return e.code;
    throw e;
  }
}

const expected = (c: Case) => (c.wantErr ? (c.wantCode ?? 'an error') : 'ok');
const matches = (got: string, c: Case) => (c.wantErr ? got !== 'ok' && (!c.wantCode || got === c.wantCode) : got === 'ok');

describe('when checked against the committed test vectors', () => {
  it('the files are exactly what the generator makes', () => {
    const onDisk = new Map<string, unknown>([...load('inclusion'), ...load('consistency')]);
    onDisk.set('tree.json', JSON.parse(readFileSync(path.join(VECTORS_DIR, 'tree.json'), 'utf8')));
    expect(Object.fromEntries(onDisk)).toEqual(Object.fromEntries(generateVectors()));
  });

  it('the tree roots match', async () => {
    const t = JSON.parse(readFileSync(path.join(VECTORS_DIR, 'tree.json'), 'utf8')) as { leaves: string[]; roots: string[] };
    expect(t.leaves.map((h) => Buffer.from(h, 'hex'))).toEqual(RFC6962_LEAVES.map((l) => Buffer.from(l)));
    const tree = memoryTree(RFC6962_LEAVES);
    for (let n = 0; n <= 8; n++) expect(Buffer.from(await rootHash(tree.read, n)).toString('base64')).toBe(t.roots[n]);
  });

  const inclusion = load<InclusionCase>('inclusion');
  it(`every inclusion case (${inclusion.length}) verifies or fails as it says`, () => {
    const wrong = inclusion
      .map(([file, c]) => {
        const got = outcome(() => verifyInclusion(parseHash(c.leafHash), c.leafIdx, c.treeSize, c.proof.map(parseHash), parseHash(c.root)));
        return matches(got, c) ? undefined : `${file}: want ${expected(c)}, got ${got}`;
      })
      .filter(Boolean);
    expect(wrong).toEqual([]);
  });

  const consistency = load<ConsistencyCase>('consistency');
  it(`every consistency case (${consistency.length}) verifies or fails as it says`, () => {
    const wrong = consistency
      .map(([file, c]) => {
        const got = outcome(() => verifyConsistency(c.size1, c.size2, c.proof.map(parseHash), parseHash(c.root1), parseHash(c.root2)));
        return matches(got, c) ? undefined : `${file}: want ${expected(c)}, got ${got}`;
      })
      .filter(Boolean);
    expect(wrong).toEqual([]);
  });
});
