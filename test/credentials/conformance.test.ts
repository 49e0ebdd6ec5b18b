import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseTrustedKey, verify, type CheckId } from '../../src/credentials/index.js';
import { DOCUMENTS_MAP, README_NOW, readJson, readText, STANDARDS, standardsDocuments, standardsPath } from './standards.js';

/**
 * The verdict on every signed credential in the standards folder, per its
 * README; `fails` names the check that must fail (null: must be indeterminate).
 */
type Expect = { verified: true } | { verified: false; fails: CheckId; ok: false | null };
const accept: Expect = { verified: true };
const reject = (fails: CheckId, ok: false | null = false): Expect => ({ verified: false, fails, ok });

const OB = 'credentials/1edtech-validator/ob30/';
const EXPECTED: Record<string, Expect> = {
  [`${OB}bit-string-list/credential-status-revoked.json`]: reject('status'),
  [`${OB}bit-string-list/testlist`]: accept,
  // Signature valid, but its 1EdTechRevocationList status cannot be checked: never "verified".
  [`${OB}complete.json`]: reject('status', null),
  [`${OB}complete_v1.json`]: reject('validity'),
  [`${OB}credential-status-revoked.json`]: reject('issuer'),
  [`${OB}sd/derivedcredential.json`]: reject('proof'),
  [`${OB}simple-context-alias.json`]: accept,
  // Strict Data Integrity: a bare DID is not a verification method URL.
  [`${OB}simple-did-key-method.json`]: reject('key'),
  [`${OB}simple-eddsa-2022.json`]: reject('proof'),
  [`${OB}simple-err-context.json`]: reject('contexts'),
  [`${OB}simple-err-credential-subject-achievement-result-description-type.json`]: reject('proof'),
  [`${OB}simple-err-credential-subject-identifier-type.json`]: reject('proof'),
  [`${OB}simple-err-credential-subject-profile-type.json`]: reject('proof'),
  [`${OB}simple-err-credential-subject-result-type.json`]: reject('proof'),
  [`${OB}simple-err-evidence-type.json`]: reject('proof'),
  [`${OB}simple-err-issuer-otheridentifier-type.json`]: reject('proof'),
  [`${OB}simple-err-issuer-parentorg-type.json`]: reject('proof'),
  [`${OB}simple-err-issuer-type.json`]: reject('proof'),
  [`${OB}simple-err-proof-method-no-scheme.json`]: reject('key'),
  [`${OB}simple-err-proof-method-unknown-did-method.json`]: reject('key'),
  [`${OB}simple-err-proof-method.json`]: reject('key'),
  // Every proof of a set must verify; an undefined proof type cannot.
  [`${OB}simple-multiple-proofs.json`]: reject('proof'),
  [`${OB}simple-noproof.json`]: reject('proof'),
  [`${OB}simple.json`]: accept,
  [`${OB}simple.jwt`]: reject('format'),
  [`${OB}simple_v1.json`]: accept,
  [`${OB}velocity.jwt`]: reject('format'),
  'openbadges/test-vectors/obv3p0/signed.json': accept,
  'openbadges/test-vectors/clrv2p0/signed.json': accept,
};

/** DCC fixtures: the verdict follows the name (README §4.2), with the README's exceptions. */
function dccExpectation(rel: string): Expect {
  const name = path.basename(rel);
  if (rel.includes('/statusLists/') || rel.includes('/verifier-core-status/')) {
    if (name === 'expired' || name === 'notYetValid') return reject('validity');
    if (name === 'tampered') return reject('proof');
    return accept;
  }
  if (name.includes('oldDCCExample')) return reject('contexts', null);
  // achievementType "Program" is outside the OB 3.0 vocabulary, but these declare no
  // credentialSchema, so the schema is advisory: they verify, with a warning.
  // badSchema breaks the OB schema without declaring it (advisory), and is revoked.
  if (name.includes('badSchema')) return reject('status');
  if (/revoked/i.test(name) || /expiredStatus|notYetValidStatus|missingTypeStatus/.test(name)) return reject('status');
  if (/-expired|noRegistry-revokedStatus-noExpiry/.test(name)) return reject('validity');
  return accept;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const dccFiles = walk(standardsPath('credentials/dcc-vc-test-fixtures'))
  .map((f) => path.relative(STANDARDS, f))
  .filter((f) => !f.includes('/dids/'));

describe('when verifying every signed credential in the standards folder', () => {
  const cases: Array<[string, Expect]> = [...Object.entries(EXPECTED), ...dccFiles.map((f) => [f, dccExpectation(f)] as [string, Expect])];

  it('covers every credential file of the 1EdTech fixtures', () => {
    const present = walk(standardsPath(OB)).map((f) => path.relative(STANDARDS, f)).filter((f) => !f.endsWith('.svg'));
    expect(present.filter((f) => !(f in EXPECTED))).toEqual([]);
  });

  for (const [file, expected] of cases) {
    it(`gives ${file} the verdict ${expected.verified ? 'verified' : `not verified (${expected.fails})`}`, async () => {
      const r = await verify(readText(file), { now: README_NOW, documents: standardsDocuments() });
      expect(r.verified, JSON.stringify(r.checks.filter((c) => c.ok !== true))).toBe(expected.verified);
      if (!expected.verified) expect(r.checks.find((c) => c.id === expected.fails)?.ok).toBe(expected.ok);
    });
  }
});

describe('when verifying the VC-JOSE-COSE suite with its published keys', () => {
  const dir = 'vc-jose-cose/test-suite-input/';
  const keys = ['p256', 'p384', 'p521', 'ed25519'].map((k) => parseTrustedKey(readJson(`${dir}vm-${k}.json`)));
  const before = new Date('2024-12-16T12:00:00Z');
  const cases: Array<[string, boolean, CheckId?]> = [
    ['credential-issuer-match-signed.txt', true],
    ['credential-sdjwt-selective.txt', true],
    ['credential-sdjwt-nested.txt', true],
    ['presentation-sdjwt-selective.txt', true],
    ['presentation-jose-bad-media-type.txt', false, 'format'],
    ['credential-sdjwt-bad-media-type.txt', false, 'format'],
    ['presentation-sdjwt-bad-credential.txt', false, 'format'],
    // One of its three credentials is COSE, which microcred does not verify.
    ['presentation-jose-multiple.txt', false, 'credentials'],
    ['credential-cose-minimal.txt', false, 'format'],
    ['credential-cose-minimal-not-base64.txt', false, 'format'],
    ['presentation-cose-single.txt', false, 'format'],
  ];
  for (const [file, verified, fails] of cases) {
    it(`gives ${file} the verdict ${verified ? 'verified' : `not verified (${fails})`}`, async () => {
      const r = await verify(readText(`${dir}${file}`), { now: before, trustedKeys: keys });
      expect(r.verified).toBe(verified);
      if (fails) expect(r.checks.find((c) => c.id === fails)?.ok).toBe(false);
    });
  }

  it('fails the ES512 credential when only the Ed25519 key the suite names is trusted', async () => {
    const r = await verify(readText(`${dir}credential-jose-unknown-extensions.txt`), { now: before, trustedKeys: [keys[3]!] });
    expect(r.verified).toBe(false);
  });

  it('fails a presentation whose exp has passed', async () => {
    const r = await verify(readText(`${dir}presentation-jose-multiple.txt`), { now: README_NOW, trustedKeys: keys });
    expect(r.checks.find((c) => c.id === 'validity')?.ok).toBe(false);
  });
});

// Each spawn loads the whole CLI through tsx (seconds on a busy machine): a small sample, generous timeouts.
describe('when the CLI verifies a sample', { timeout: 90_000 }, () => {
  const run = async (...args: string[]) => {
    try {
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: path.join(import.meta.dirname, '../..') });
      return { code: 0, stdout };
    } catch (e) {
      const err = e as { code: number; stdout: string };
      return { code: err.code, stdout: err.stdout };
    }
  };
  const common = ['--json', '--now', README_NOW.toISOString(), '--documents', DOCUMENTS_MAP];

  it('exits 0 with verified JSON for a valid credential, and 1 for a revoked one', async () => {
    const [ok, revoked] = await Promise.all([run('verify', standardsPath(`${OB}simple.json`), ...common), run('verify', standardsPath(`${OB}bit-string-list/credential-status-revoked.json`), ...common)]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ verified: true, format: 'di-credential' });
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.stdout).checks).toContainEqual(expect.objectContaining({ id: 'status', ok: false }));
  });

  it('verifies a vc+jwt with a --key file, and exits 2 on a usage error', async () => {
    const dir = standardsPath('vc-jose-cose/test-suite-input/');
    const [jwt, usage] = await Promise.all([
      run('verify', `${dir}credential-issuer-match-signed.txt`, '--key', `${dir}vm-ed25519.json`, '--json', '--now', '2024-01-01T00:00:00Z'),
      run('verify', `${dir}credential-issuer-match-signed.txt`, '--now', 'not-a-date'),
    ]);
    expect(jwt.code).toBe(0);
    expect(JSON.parse(jwt.stdout).format).toBe('vc+jwt');
    expect(usage.code).toBe(2);
  });

  it('names the broken rule of a non-conforming document and exits 1', async () => {
    const dir = standardsPath('vc-data-model-2.0-test-suite/input/');
    const bad = await run('validate', `${dir}credential-issuer-null-fail.json`, '--json');
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).violations[0].rule).toBe('credential.issuer');
  });
});

describe('when an Open Badge breaks the OB 3.0 schema without declaring it', () => {
  it('verifies, and carries the schema finding as a warning', async () => {
    const { verify } = await import('../../src/credentials/index.js');
    const { readFileSync } = await import('node:fs');
    const rel = 'credentials/dcc-vc-test-fixtures/verifiableCredentials/v2/dataIntegrityProof/didKey/legacyRegistry-noStatus-noExpiry-credName.json';
    const result = await verify(readFileSync(standardsPath(rel), 'utf8'), { now: new Date('2026-11-22T00:00:00Z') });
    const schema = result.checks.find((c) => c.id === 'schema');
    expect(result.verified).toBe(true);
    expect(schema?.ok).toBe(true);
    expect(schema?.warnings?.join(' ')).toMatch(/achievementType/);
  });
});
