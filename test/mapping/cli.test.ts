import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerSkillsCommands } from '../../src/cli/skills.js';
import { demoTaxonomy } from '../../src/taxonomy/index.js';
import { writeEscoLike } from '../taxonomy/fixtures.js';

let escoDir: string;
let work: string;
beforeAll(() => {
  escoDir = writeEscoLike(demoTaxonomy());
  work = mkdtempSync(path.join(os.tmpdir(), 'mc-cli-'));
  vi.stubEnv('MICROCRED_DATA', path.join(work, 'data'));
});
afterEach(() => vi.restoreAllMocks());

/** Runs `microcred …` in-process and returns its standard output lines. */
async function run(...argv: string[]): Promise<string[]> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  const program = new Command('microcred').exitOverride();
  registerSkillsCommands(program);
  await program.parseAsync(argv, { from: 'user' });
  vi.restoreAllMocks();
  return out.join('').split('\n').filter(Boolean);
}

function jsonl(name: string, rows: unknown[]): string {
  const f = path.join(work, name);
  writeFileSync(f, rows.map((r) => JSON.stringify(r)).join('\n') + '\n\n');
  return f;
}

describe('when skills are extracted in batch from an ESCO folder', () => {
  it('writes one line per input, in input order, with the documented shape', async () => {
    const input = jsonl('in.jsonl', [
      { id: 'b', text: 'Kubernetes and Docker in production' },
      { id: 7, text: 'nothing here' },
      { id: 'a', text: 'Registered nurse: wound care and medication administration.' },
    ]);
    const lines = (await run('skills', 'extract', '--jsonl', input, '--top', '2', '--esco', escoDir)).map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['b', 7, 'a']);
    expect(lines[0].skills).toHaveLength(2);
    expect(lines[0].skills[0]).toEqual({ uri: expect.any(String), label: 'Kubernetes', score: expect.any(Number), evidence: [{ start: 0, end: 10, text: 'Kubernetes' }] });
    expect(lines[1].skills).toEqual([]);
    expect(lines[2].skills.map((s: { label: string }) => s.label).sort()).toEqual(['medication administration', 'wound care']);
  });

  it('starts from the disk cache the second time and answers the same', async () => {
    const input = jsonl('one.jsonl', [{ id: 1, text: 'SQL and Python' }]);
    const first = await run('skills', 'extract', '--jsonl', input, '--top', '3', '--esco', escoDir);
    const second = await run('skills', 'extract', '--jsonl', input, '--top', '3', '--esco', escoDir);
    expect(second).toEqual(first);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(work, 'data', 'cache')).filter((f) => f.endsWith('.v8'))).toHaveLength(1);
  });
});

describe('when job titles are matched in batch', () => {
  it('writes {id, occupations} lines in input order', async () => {
    const input = jsonl('titles.jsonl', [
      { id: 'x', text: 'Senior Cloud Engineer (AWS)' },
      { id: 'y', text: 'CNC operator' },
    ]);
    const lines = (await run('occupations', 'match', '--jsonl', input, '--top', '3', '--esco', escoDir)).map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['x', 'y']);
    expect(lines[0].occupations[0]).toEqual({ uri: expect.any(String), label: 'cloud engineer', score: expect.any(Number) });
    expect(lines[1].occupations[0].label).toBe('CNC machinist');
    expect(lines[1].occupations).toHaveLength(3);
  });
});

describe('when a batch line is not valid', () => {
  it('fails naming the file and line', async () => {
    const f = path.join(work, 'bad.jsonl');
    writeFileSync(f, '{"id":1,"text":"ok"}\n{"id":2}\n');
    await expect(run('skills', 'extract', '--jsonl', f, '--esco', escoDir)).rejects.toThrow(/bad\.jsonl:2: "text" must be a string/);
  });
});
