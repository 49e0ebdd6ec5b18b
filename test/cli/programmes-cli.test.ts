import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { loadMasterKey } from '../../src/credentials/index.js';
import { connect } from '../../src/db/index.js';
import { seedDemo, seedDemoProgrammes } from '../../src/demo/index.js';
import { DbKeyStore, type IssuanceContext } from '../../src/issuance/index.js';
import { programmeAwarder } from '../../src/programmes/index.js';

/** `microcred programmes …` and `microcred transcript` as a person runs them, on a seeded data folder (PGlite). */

let dataDir: string;

const run = (args: string[]) => runCli(dataDir, args);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'microcred-programmes-cli-'));
  const database = await connect({ dataDir });
  await database.migrate();
  await seedDemo(database.db);
  const clock = { now: () => new Date() };
  const masterKey = loadMasterKey({ keyFilePath: path.join(dataDir, 'master.key') });
  const ctx: IssuanceContext = { db: database.db, publicUrl: 'http://localhost:3000', keys: new DbKeyStore(database.db, masterKey, clock), clock };
  ctx.afterIssue = programmeAwarder(ctx);
  await seedDemoProgrammes(ctx);
  await database.close();
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('microcred programmes and transcript', { timeout: 120_000 }, () => {
  it('lists the published programme with its owners, ECTS and rules, also as JSON', async () => {
    const text = await run(['programmes', 'list']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/lumiere\+northbridge\s+12 ECTS {2}Data Analytics Professional Programme/);
    expect(text.stdout).toContain('Core: all of');
    const json = await run(['programmes', 'list', '--json']);
    const items = JSON.parse(json.stdout);
    expect(items).toHaveLength(1);
    expect(items[0].commitments.map((c: { partner: string; kind: string }) => `${c.partner}:${c.kind}`).sort()).toEqual(['helix:guaranteed_interview', 'lumiere:credit_recognition']);
  });

  it('shows the graduate complete and another learner with what is missing', async () => {
    const done = await run(['programmes', 'progress', '--learner', 'jose.martinez@learners.example']);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Data Analytics Professional Programme: complete \(11 ECTS held\), credential [0-9a-f-]{36}/);
    const other = JSON.parse((await run(['programmes', 'progress', '--learner', 'zoe.muller@learners.example', '--json'])).stdout);
    expect(other[0]).toMatchObject({ complete: false, awardedCredentialId: null });
    expect(other[0].rules[0].missing).toHaveLength(2);
  });

  it('prints the credit transcript with its total', async () => {
    const t = await run(['transcript', '--learner', 'jose.martinez@learners.example']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toContain('MSc Data Science — Université de Lumière: 12 ECTS');
    expect(t.stdout).toMatch(/12 ECTS {2}Data Analytics Professional Programme \(programme\)/);
  });

  it('exits 2 for someone who is not a learner', async () => {
    const r = await run(['transcript', '--learner', 'admin@lumiere.example']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no learner admin@lumiere.example');
    expect(r.stdout).toBe('');
  });
});
