import { describe, expect, it } from 'vitest';
import { isAppError } from '../../src/core/errors.js';
import { demoTaxonomy, readEscoDir } from '../../src/taxonomy/index.js';
import { parseCsv } from '../../src/taxonomy/csv.js';
import { ESCO_DIR, HAVE_ESCO, writeEscoLike } from './fixtures.js';

describe('when CSV cells are quoted', () => {
  it('keeps commas, doubled quotes and newlines inside a cell and pads ragged rows', () => {
    const rows = parseCsv('a,b,c\r\n"x, y","say ""hi""","one\ntwo"\nshort\n');
    expect(rows).toEqual([
      { a: 'x, y', b: 'say "hi"', c: 'one\ntwo' },
      { a: 'short', b: '', c: '' },
    ]);
  });
});

describe('when a folder is not an ESCO export', () => {
  it('fails with invalid_request naming the missing file', () => {
    const err = (() => {
      try {
        readEscoDir('/tmp');
      } catch (e) {
        return e;
      }
    })();
    expect(isAppError(err) && err.code).toBe('invalid_request');
    expect((err as Error).message).toMatch(/skills_en\.csv/);
  });
});

describe('when an export is written by another tool in the same shape', () => {
  it('reads multi-line alternative labels and takes the version from the folder name', () => {
    const t = readEscoDir(writeEscoLike(demoTaxonomy(), '2.0.1'));
    expect(t.id).toBe('esco-2.0.1');
    const k8s = t.skills.find((s) => s.label === 'Kubernetes')!;
    expect(k8s.altLabels).toEqual(['K8s', 'container orchestration', 'Helm']);
    expect(t.relations.length).toBe(demoTaxonomy().relations.length);
  });
});

describe.skipIf(!HAVE_ESCO)('when the full ESCO v1.1.1 export is read', () => {
  it('has every skill and occupation and drops relations to the retired occupation', () => {
    const t = readEscoDir(ESCO_DIR);
    expect(t.skills.length).toBe(13896);
    expect(t.occupations.length).toBe(3007);
    expect(t.relations.some((r) => r.occupationUri.endsWith('a9e54177-a185-404d-b6e6-15663d31137e'))).toBe(false);
    expect(t.relations.length).toBe(123855 - 67);
    // Labels with stray spaces in the export are trimmed.
    expect(t.occupations.some((o) => o.label !== o.label.trim())).toBe(false);
    expect(t.skills.filter((s) => s.skillType === null).length).toBe(6);
  });
});
