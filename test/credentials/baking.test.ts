import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bakePng,
  bakeSvg,
  buildOpenBadgeCredential,
  crc32,
  createSigner,
  didKeyFor,
  generateEd25519Key,
  signDataIntegrity,
  signJwt,
  unbake,
  verify,
  type JsonObject,
} from '../../src/credentials/index.js';
import { DOCUMENTS_MAP, README_NOW, readText } from './standards.js';

const NOW = new Date('2026-03-01T10:00:00Z');

/** A real, decodable 2×2 RGBA PNG made here: signature, IHDR, IDAT, IEND. */
function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    out.set(data, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.from([0, 255, 0, 0, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 255, 0, 255, 255, 0, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]);
}

const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>';

describe('baking Open Badges 3.0 credentials into images', () => {
  let signed: JsonObject;
  let jwt: string;

  beforeAll(async () => {
    const key = generateEd25519Key();
    const { did, verificationMethod } = didKeyFor(key.publicKeyMultibase);
    const signer = createSigner(verificationMethod, key.secretKey);
    const vc = buildOpenBadgeCredential({
      id: 'urn:uuid:1b0d6c4e-3b1f-4d8e-9a7b-1c2d3e4f5a6b',
      issuer: { id: did, name: 'École Supérieure d’Ingénierie® 中文大学' },
      achievement: {
        id: 'https://microcred.example/achievements/7',
        name: 'Données & IA — “niveau 2” ]]> 中文',
        description: 'Analyse de données.',
        criteria: { narrative: 'Réussir l’évaluation finale.' },
        achievementType: 'MicroCredential',
      },
      recipient: { did: 'did:example:ngugi' },
      validFrom: new Date('2026-01-15T09:00:00Z'),
    });
    signed = await signDataIntegrity(vc, signer, { created: NOW });
    jwt = await signJwt(vc, signer);
  });

  it('round-trips a signed credential with non-ASCII text through a PNG, which then verifies', async () => {
    const png = bakePng(tinyPng(), JSON.stringify(signed));
    const out = unbake(png);
    expect(out).toEqual({ kind: 'png', credential: JSON.stringify(signed) });
    expect(out && 'credential' in out && out.credential).toContain('中文大学');
    const r = await verify(png, { now: NOW });
    expect(r.checks.filter((c) => c.ok !== true)).toEqual([]);
    expect(r.checks[0]).toMatchObject({ id: 'baked', ok: true, reason: expect.stringContaining('PNG') });
    expect(r.verified).toBe(true);
  });

  it('keeps the PNG valid: every chunk CRC checks, the iTXt comes right after IHDR, uncompressed', () => {
    const png = Buffer.from(bakePng(tinyPng(), jwt));
    const types: string[] = [];
    for (let at = 8; at < png.length; ) {
      const len = png.readUInt32BE(at);
      const type = png.toString('latin1', at + 4, at + 8);
      expect(crc32(png.subarray(at + 4, at + 8 + len))).toBe(png.readUInt32BE(at + 8 + len));
      if (type === 'iTXt') expect(png.subarray(at + 8, at + 8 + 'openbadgecredential'.length + 3)).toEqual(Buffer.from('openbadgecredential\0\0\0', 'latin1'));
      types.push(type);
      at += 12 + len;
    }
    expect(types).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND']);
  });

  it('replaces an earlier baked credential instead of adding a second one', () => {
    const twice = bakePng(bakePng(tinyPng(), '{"first":true}'), jwt);
    expect(unbake(twice)).toEqual({ kind: 'png', credential: jwt });
    const svgTwice = bakeSvg(bakeSvg(SVG, '{"first":true}'), JSON.stringify(signed));
    expect(svgTwice.match(/openbadges:credential>/g)).toHaveLength(2); // one open, one close tag
  });

  it('bakes a VC-JOSE credential into a PNG and verifies it as vc+jwt', async () => {
    const r = await verify(bakePng(tinyPng(), jwt), { now: NOW });
    expect(r).toMatchObject({ verified: true, format: 'vc+jwt' });
  });

  it('round-trips JSON (in CDATA, even containing "]]>") and a JWT (in the verify attribute) through an SVG', async () => {
    const svg = bakeSvg(SVG, JSON.stringify(signed));
    expect(svg).toContain('xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"');
    expect(svg).toMatch(/<svg [^>]*>\s*<openbadges:credential><!\[CDATA\[/);
    expect(unbake(svg)).toEqual({ kind: 'svg', credential: JSON.stringify(signed) });
    const r = await verify(svg, { now: NOW });
    expect(r.checks.filter((c) => c.ok !== true)).toEqual([]);
    expect(r.checks[0]).toMatchObject({ id: 'baked', ok: true });

    const svgJwt = bakeSvg(SVG, jwt);
    expect(svgJwt).toContain(`<openbadges:credential verify="${jwt}"/>`);
    const bytes = new TextEncoder().encode(svgJwt);
    expect(await verify(bytes, { now: NOW })).toMatchObject({ verified: true, format: 'vc+jwt' });
  });

  it('fails a tampered baked credential with the proof check named', async () => {
    const tampered = JSON.stringify(signed).replace('Analyse de données', 'Analyse de donnees');
    expect(tampered).not.toBe(JSON.stringify(signed));
    for (const image of [bakePng(tinyPng(), tampered), bakeSvg(SVG, tampered)]) {
      const r = await verify(image, { now: NOW });
      expect(r.verified).toBe(false);
      expect(r.checks.find((c) => c.id === 'baked')?.ok).toBe(true);
      expect(r.checks.find((c) => c.id === 'proof')?.ok).toBe(false);
    }
  });

  it('fails when bytes inside the baked chunk are flipped (CRC mismatch)', async () => {
    const png = Buffer.from(bakePng(tinyPng(), JSON.stringify(signed)));
    const at = png.indexOf('Analyse de données');
    png[at] = 'X'.charCodeAt(0);
    const r = await verify(png, { now: NOW });
    expect(r.verified).toBe(false);
    expect(r.checks).toEqual([{ id: 'baked', ok: false, reason: expect.stringContaining('checksum') }]);
  });

  it('says "no credential baked in this image" for a plain PNG or SVG, never crashing', async () => {
    for (const image of [tinyPng(), SVG, new TextEncoder().encode(SVG)]) {
      const r = await verify(image, { now: NOW });
      expect(r.verified).toBe(false);
      expect(r.checks).toEqual([{ id: 'baked', ok: false, reason: expect.stringContaining('no credential baked in this image') }]);
    }
    const truncated = bakePng(tinyPng(), jwt).subarray(0, 40);
    expect((await verify(truncated, { now: NOW })).checks[0]).toMatchObject({ id: 'baked', ok: false, reason: expect.stringMatching(/truncated|damaged/) });
  });

  it('accepts a pasted data: URL of a baked PNG', async () => {
    const url = `data:image/png;base64,${Buffer.from(bakePng(tinyPng(), jwt)).toString('base64')}`;
    expect(await verify(url, { now: NOW })).toMatchObject({ verified: true });
  });

  it('extracts the credentials of the 1EdTech sample badges (JSON in CDATA and a JWT in verify)', () => {
    const json = unbake(readText('credentials/1edtech-validator/ob30/simple-json.svg'));
    expect(json?.kind).toBe('svg');
    expect(JSON.parse((json as { credential: string }).credential)).toMatchObject({ name: 'Teamwork Badge', type: ['VerifiableCredential', 'OpenBadgeCredential'] });
    const withJwt = unbake(readText('credentials/1edtech-validator/ob30/simple-jwt.svg'));
    expect((withJwt as { credential: string }).credential).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});

describe('when the CLI verifies a baked badge', { timeout: 90_000 }, () => {
  it('exits 0 for the 1EdTech sample credential baked into a PNG, and 1 for a PNG without one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mc-baked-'));
    try {
      const badge = path.join(dir, 'badge.png');
      const plain = path.join(dir, 'plain.png');
      writeFileSync(badge, bakePng(tinyPng(), readText('credentials/1edtech-validator/ob30/simple.json')));
      writeFileSync(plain, tinyPng());
      const run = async (file: string) => {
        try {
          const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'verify', file, '--json', '--now', README_NOW.toISOString(), '--documents', DOCUMENTS_MAP], { cwd: path.join(import.meta.dirname, '../..') });
          return { code: 0, stdout };
        } catch (e) {
          const err = e as { code: number; stdout: string };
          return { code: err.code, stdout: err.stdout };
        }
      };
      const [ok, none] = await Promise.all([run(badge), run(plain)]);
      expect(ok.code).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ verified: true, format: 'di-credential', checks: expect.arrayContaining([expect.objectContaining({ id: 'baked', ok: true })]) });
      expect(none.code).toBe(1);
      expect(JSON.parse(none.stdout).checks).toEqual([expect.objectContaining({ id: 'baked', ok: false, reason: expect.stringContaining('no credential baked in this image') })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
