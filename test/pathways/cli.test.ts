import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** `microcred pathway solve FILE [--json]` run as a separate process, the way an outside checker runs it. */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'mc-pathway-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const problem = {
  gap: [{ uri: 'https://skills.example/python', weight: 3 }, { uri: 'https://skills.example/sql', weight: 2 }, { uri: 'https://skills.example/ml', weight: 5 }, { uri: 'https://skills.example/cobol', weight: 1 }],
  achievements: [
    { id: 'py', skills: ['https://skills.example/python'], price: 100, hours: 10, prerequisites: [] },
    { id: 'db', skills: ['https://skills.example/sql'], price: 50, hours: 5, prerequisites: [] },
    { id: 'ml', skills: ['https://skills.example/ml', 'https://skills.example/python'], price: 300, hours: 40, prerequisites: ['db'] },
  ],
  weights: { money: 1, hours: 2 },
  constraints: { budget: 400 },
};

const SPAWN = 120_000;

describe('microcred pathway solve', () => {
  it('prints the plan as JSON with exit 0', async () => {
    const r = await run(['pathway', 'solve', file('ok.json', problem), '--json']);
    expect(r.stderr).not.toMatch(/microcred:/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      achievements: ['db', 'ml'],
      cost: 440,
      covered: ['https://skills.example/python', 'https://skills.example/sql', 'https://skills.example/ml'],
      uncovered: ['https://skills.example/cobol'],
      optimal: true,
      gap: 0,
    });
    expect(Array.isArray(out.alternatives)).toBe(true);
    expect(out.explanation).toContain('Not covered: https://skills.example/cobol — no achievement in the catalogue teaches it.');
  }, SPAWN);

  it('reads standard input with - and prints a readable plan without --json', async () => {
    const r = await run(['pathway', 'solve', '-'], JSON.stringify(problem));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2 achievements: cost 440 \(price 350, 45 h\); covers 3 of 4 gap skills \(weight 10 of 11\); optimal/);
    expect(r.stdout).toContain('Step 2: ml (price 300, 40 h) covers https://skills.example/ml and https://skills.example/python; needs db (step 1) first.');
  }, SPAWN);

  it('exits 2 naming the field on invalid input, on bad JSON and on a cycle', async () => {
    const bad = await run(['pathway', 'solve', file('bad.json', { ...problem, achievements: [{ ...problem.achievements[0], hours: 'ten' }] }), '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('achievements[0].hours');
    expect(bad.stdout).toBe('');

    const json = await run(['pathway', 'solve', file('broken.json', '{"gap": ['), '--json']);
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/broken\.json is not valid JSON/);

    const cycle = await run(['pathway', 'solve', file('cycle.json', { ...problem, achievements: [{ ...problem.achievements[1], prerequisites: ['ml'] }, problem.achievements[2]] }), '--json']);
    expect(cycle.code).toBe(2);
    expect(cycle.stderr).toMatch(/cycle/);

    const missing = await run(['pathway', 'solve', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
  }, SPAWN);
});
