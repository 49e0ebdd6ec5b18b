import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../core/config.js';
import { connectFromConfig, type Database } from '../db/index.js';
import { createProvider, extractSkills, type MappingModel, matchOccupations, modelForDatabase, modelForEscoDir } from '../mapping/index.js';
import { cachedTaxonomy, ensureDemoTaxonomy, importEsco, importOnet, listTaxonomyVersions, type ProgressFn, SkillSearch } from '../taxonomy/index.js';
import { UsageError } from './output.js';

async function withDatabase<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const database = await connectFromConfig(loadConfig());
  try {
    await database.migrate();
    // Everything works on a fresh install: the demo taxonomy stands in until ESCO is imported.
    if (!(await listTaxonomyVersions(database.db)).length) await ensureDemoTaxonomy(database.db);
    return await fn(database);
  } finally {
    await database.close();
  }
}

const cacheDir = () => path.join(loadConfig().dataDir, 'cache');

/** Runs `fn` with the model of `--esco DIR` (no database), else of the stored default taxonomy. */
async function withModel<T>(esco: string | undefined, fn: (m: MappingModel) => Promise<T>): Promise<T> {
  if (esco) return fn(await modelForEscoDir(esco, { cacheDir: cacheDir() }));
  return withDatabase(async ({ db }) => fn(await modelForDatabase(db, { cacheDir: cacheDir() })));
}

function readText(source: string): string {
  try {
    return readFileSync(source === '-' ? 0 : source, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${source}: ${(e as Error).message}`);
  }
}

/** `{"id", "text"}` per line; blank lines are skipped, anything else malformed is a usage error naming the line. */
function readJsonl(source: string): { id: unknown; text: string }[] {
  return readText(source)
    .split(/\r?\n/)
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(({ line }) => line.trim())
    .map(({ line, n }) => {
      let v: { id?: unknown; text?: unknown };
      try {
        v = JSON.parse(line);
      } catch {
        throw new UsageError(`${source}:${n}: not valid JSON`);
      }
      if (typeof v?.text !== 'string') throw new UsageError(`${source}:${n}: "text" must be a string`);
      return { id: v.id ?? null, text: v.text };
    });
}

function parseTop(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError('--top takes a whole number from 1 to 100');
  return n;
}

/** A one-line progress bar on stderr, redrawn in place when stderr is a terminal. */
function progressBar(): ProgressFn {
  let last = '';
  return ({ phase, done, total }) => {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const line = `${phase.padEnd(12)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
    if (line === last) return;
    last = line;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`);
    else if (done === total) process.stderr.write(`${line}\n`);
  };
}

const write = (v: unknown) => process.stdout.write(`${JSON.stringify(v)}\n`);

export function registerSkillsCommands(program: Command): void {
  const taxonomy = program.command('taxonomy').description('Skills and occupations taxonomies (ESCO, O*NET, the built-in demo).');
  taxonomy
    .command('import')
    .description('Import an ESCO CSV export (https://esco.ec.europa.eu/en/use-esco/download) or an O*NET text database; re-importing changes nothing.')
    .option('--esco <dir>', 'folder of the ESCO classification CSV files (e.g. …/v1.1.1)')
    .option('--onet <dir>', 'folder of the O*NET database text files (e.g. …/29.2)')
    .option('--release <version>', 'release number, when the folder name does not say it')
    .action(async (opts: { esco?: string; onet?: string; release?: string }) => {
      if (!opts.esco && !opts.onet) throw new UsageError('give --esco DIR and/or --onet DIR');
      await withDatabase(async ({ db }) => {
        for (const [dir, run] of [
          [opts.esco, importEsco],
          [opts.onet, importOnet],
        ] as const) {
          if (!dir) continue;
          const started = Date.now();
          const r = await run(db, dir, { version: opts.release, onProgress: progressBar() });
          const c = r.counts;
          process.stdout.write(
            r.created
              ? `imported ${r.version.id}: ${c.skills} skills, ${c.groups} groups, ${c.occupations} occupations, ${c.relations} relations in ${((Date.now() - started) / 1000).toFixed(1)} s\n`
              : `${r.version.id} is already imported with the same content; nothing changed\n`,
          );
        }
      });
    });
  taxonomy
    .command('list')
    .description('The stored taxonomy releases, newest first.')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        for (const v of await listTaxonomyVersions(db)) process.stdout.write(`${v.id}\t${v.title}\timported ${v.importedAt.toISOString()}\n`);
      });
    });

  const skills = program.command('skills').description('Search skills and map text to skills.');
  skills
    .command('search <query>')
    .description('Typo-tolerant search over labels, alternative labels and descriptions.')
    .option('--limit <n>', 'how many results', '10')
    .option('--json', 'print JSON lines')
    .action(async (query: string, opts: { limit: string; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const { taxonomy: t } = await cachedTaxonomy(db);
        for (const h of SkillSearch.of(t).search(query, { limit: parseTop(opts.limit) })) {
          if (opts.json) write(h);
          else process.stdout.write(`${h.score.toFixed(3)}  ${h.label}${h.matched !== h.label ? ` (${h.matched})` : ''}  ${h.uri}\n`);
        }
      });
    });
  skills
    .command('extract [file]')
    .description('Map a text (a file, or - for standard input) to ranked skills with evidence spans; --jsonl maps many.')
    .option('--top <k>', 'skills per text', '10')
    .option('--json', 'print JSON lines even on a terminal')
    .option('--jsonl <file>', 'batch: read {"id","text"} lines, write {"id","skills"} lines in input order')
    .option('--esco <dir>', 'read the taxonomy from an ESCO CSV folder instead of the database')
    .action(async (file: string | undefined, opts: { top: string; json?: boolean; jsonl?: string; esco?: string }) => {
      const top = parseTop(opts.top);
      if (opts.jsonl && file) throw new UsageError('give either --jsonl FILE or a text FILE, not both');
      const provider = maybeProvider();
      await withModel(opts.esco, async (model) => {
        if (opts.jsonl) {
          for (const { id, text } of readJsonl(opts.jsonl)) write({ id, skills: await extractSkills(model, text, { top, provider }) });
          return;
        }
        const text = readText(file ?? '-');
        for (const m of await extractSkills(model, text, { top, provider })) {
          if (opts.json || !process.stdout.isTTY) write(m);
          else process.stdout.write(`${m.score.toFixed(3)}  ${m.label}  ${m.uri}\n        evidence: ${m.evidence.map((e) => JSON.stringify(e.text)).join(', ')}\n`);
        }
      });
    });

  const occupations = program.command('occupations').description('Match job titles to occupations.');
  occupations
    .command('match [title]')
    .description('Rank occupations for a job title; --jsonl maps many.')
    .option('--top <k>', 'occupations per title', '10')
    .option('--jsonl <file>', 'batch: read {"id","text"} lines, write {"id","occupations"} lines in input order')
    .option('--esco <dir>', 'read the taxonomy from an ESCO CSV folder instead of the database')
    .action(async (title: string | undefined, opts: { top: string; jsonl?: string; esco?: string }) => {
      const top = parseTop(opts.top);
      if (!opts.jsonl && !title) throw new UsageError('give a job title or --jsonl FILE');
      await withModel(opts.esco, async (model) => {
        if (opts.jsonl) {
          for (const { id, text } of readJsonl(opts.jsonl)) write({ id, occupations: matchOccupations(model, text, { top }) });
          return;
        }
        for (const o of matchOccupations(model, title!, { top })) write(o);
      });
    });
}

function maybeProvider() {
  const c = loadConfig().ai;
  return c ? createProvider(c) : undefined;
}
