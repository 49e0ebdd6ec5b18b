import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/credentials/index.js';
import { readJson, standardsPath } from './standards.js';

const SUITE = 'vc-data-model-2.0-test-suite/input';
const files = [SUITE, `${SUITE}/names-and-descriptions`].flatMap((dir) =>
  readdirSync(standardsPath(dir))
    .filter((f) => /-(ok|fail|fail-or-inject)\.json$/.test(f))
    .map((f) => `${dir}/${f}`),
);

/** The suite substitutes these placeholders before running. */
function fill(doc: unknown): unknown {
  return JSON.parse(JSON.stringify(doc).replace('"PAST DATE"', '"2020-01-01T00:00:00Z"').replace('"FUTURE DATE"', '"2099-01-01T00:00:00Z"'));
}

describe('when validating the VC DM 2.0 test-suite documents', () => {
  for (const file of files) {
    const conforming = file.endsWith('-ok.json');
    it(`${conforming ? 'accepts' : 'rejects, naming the rule,'} ${path.basename(file)}`, async () => {
      const r = await validate(fill(readJson(file)));
      expect(r.conforms).toBe(conforming);
      if (!conforming) expect(r.violations[0]?.rule).toMatch(/^[a-z0-9.-]+$/i);
    });
  }
});

describe('when validating Open Badges', () => {
  it('accepts the OB 3.0 spec examples', async () => {
    for (const f of ['basicOpenBadgeCredential-00-sample-openbadgecredential.json', 'fullOpenBadge-00-complete-openbadgecredential.json']) {
      expect((await validate(readJson(`openbadges/spec-examples/${f}`))).violations).toEqual([]);
    }
  });

  it('names the OB schema rule when a required field is missing', async () => {
    const { validFrom: _v, ...doc } = readJson('openbadges/spec-examples/basicOpenBadgeCredential-00-sample-openbadgecredential.json');
    const r = await validate(doc);
    expect(r.conforms).toBe(false);
    expect(r.violations.map((v) => v.rule)).toContain('ob3.schema');
  });
});
