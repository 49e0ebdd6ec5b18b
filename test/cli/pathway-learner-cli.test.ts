import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { connect } from '../../src/db/index.js';
import { seedDemo } from '../../src/demo/index.js';
import { ensureDemoTaxonomy } from '../../src/taxonomy/index.js';

/** `microcred pathway --learner … --target …` as a person runs it, on a seeded data folder (PGlite). */

const DATA_ANALYST = 'urn:microcred:taxonomy:demo-1:occupation:data-analyst';
let dataDir: string;

const run = (args: string[]) => runCli(dataDir, args);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'microcred-pathway-cli-'));
  const database = await connect({ dataDir });
  await database.migrate();
  await seedDemo(database.db);
  await ensureDemoTaxonomy(database.db);
  await database.close();
}, 120_000);
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('microcred pathway --learner --target', { timeout: 120_000 }, () => {
  it('prints the gap and an optimal plan within the budget, as JSON', async () => {
    const r = await run(['pathway', '--learner', 'amara.okafor@learners.example', '--target', DATA_ANALYST, '--budget', '800', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.target.label).toBe('data analyst');
    expect(out.score).toBeGreaterThanOrEqual(0);
    expect(out.missing.length + out.partial.length).toBeGreaterThan(0);
    expect(out.plan.steps.length).toBeGreaterThan(0);
    expect(out.plan.price).toBeLessThanOrEqual(800);
    expect(out.plan.optimal).toBe(true);
    for (const s of out.plan.steps) expect(s.covers.length).toBeGreaterThan(0);
    expect(out.plan.uncovered.length).toBeGreaterThan(0);
  });

  it('reads as sentences without --json', async () => {
    const r = await run(['pathway', '--learner', 'amara.okafor@learners.example', '--target', DATA_ANALYST, '--online-only']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Target: data analyst/m);
    expect(r.stdout).toMatch(/Skill alignment now: \d+\/100/);
    expect(r.stdout).toMatch(/^ {2}1\. .+: covers .+ EUR, \d+ h\.$/m);
    expect(r.stdout).not.toContain('Bootcamp'); // the bootcamp is onsite
  });

  it('exits 2 with a clear message on a missing target or a bad number', async () => {
    const noTarget = await run(['pathway', '--learner', 'amara.okafor@learners.example']);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toMatch(/--target/);
    const badBudget = await run(['pathway', '--learner', 'amara.okafor@learners.example', '--target', DATA_ANALYST, '--budget', 'lots']);
    expect(badBudget.code).toBe(2);
    expect(badBudget.stderr).toMatch(/--budget takes a non-negative number/);
  });
});
