import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { getAchievement, listCatalogue } from '../achievements/index.js';
import { systemClock } from '../core/clock.js';
import { loadConfig } from '../core/config.js';
import { AppError } from '../core/errors.js';
import { loadMasterKey } from '../credentials/index.js';
import { connectFromConfig } from '../db/index.js';
import { JobRunner } from '../jobs/index.js';
import { BULK_ISSUE_JOB, bulkIssueHandler, bulkJobReport, createBulkIssueJob, CSV_COLUMNS, DbKeyStore, type IssuanceContext } from '../issuance/index.js';
import { programmeAwarder } from '../programmes/index.js';
import { EXIT, UsageError } from './output.js';

/** `microcred issue --csv FILE --achievement ID`: bulk issuance with a progress line; `achievements list` to find ids. */
export function registerIssueCommands(program: Command): void {
  program
    .command('achievements')
    .description('Published achievements of every provider.')
    .command('list')
    .description('List published achievements: id, provider, code and name.')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const database = await connectFromConfig(loadConfig());
      try {
        await database.migrate();
        const items = await listCatalogue(database.db);
        if (opts.json) process.stdout.write(`${JSON.stringify(items.map((a) => ({ id: a.id, provider: a.provider.slug, code: a.definition.humanCode ?? null, name: a.definition.name, version: a.version })), null, 2)}\n`);
        else for (const a of items) process.stdout.write(`${a.id}  ${a.provider.slug.padEnd(12)} ${(a.definition.humanCode ?? '').padEnd(13)} ${a.definition.name}\n`);
      } finally {
        await database.close();
      }
    });

  program
    .command('issue')
    .description(`Issue credentials from a CSV file (header row; columns: ${Object.keys(CSV_COLUMNS).join(', ')}). Exit 0 when every row was issued, 1 when some failed.`)
    .requiredOption('--csv <file>', 'the CSV file')
    .requiredOption('--achievement <id>', 'the achievement for rows without an achievement column')
    .option('--idempotency-key <key>', 'the same key again resumes or reports the first upload instead of starting another')
    .action(async (opts: { csv: string; achievement: string; idempotencyKey?: string }) => {
      let csv: string;
      try {
        csv = readFileSync(opts.csv, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${opts.csv}: ${(e as Error).message}`);
      }
      if (!/^[0-9a-f-]{36}$/i.test(opts.achievement)) throw new UsageError('--achievement takes an achievement id (a UUID)');
      const config = loadConfig();
      const database = await connectFromConfig(config);
      try {
        await database.migrate();
        const { db } = database;
        const masterKey = loadMasterKey({ envValue: config.masterKey, keyFilePath: path.join(config.dataDir, 'master.key') });
        const issuance: IssuanceContext = { db, publicUrl: config.publicUrl, keys: new DbKeyStore(db, masterKey, systemClock), clock: systemClock };
        // Learners who complete a programme with these credentials receive it, as through the API.
        issuance.afterIssue = programmeAwarder(issuance);
        const achievement = await getAchievement(db, null, opts.achievement).catch((e) => {
          throw e instanceof AppError && e.code === 'not_found' ? new UsageError(`no achievement ${opts.achievement}`) : e;
        });
        const job = await createBulkIssueJob(db, { orgId: achievement.orgId, csv, achievementId: achievement.id, idempotencyKey: opts.idempotencyKey });
        const tty = process.stderr.isTTY;
        const handler = bulkIssueHandler(issuance);
        const runner = new JobRunner({
          db,
          clock: systemClock,
          handlers: {
            [BULK_ISSUE_JOB]: (jc) =>
              handler({
                ...jc,
                progress: async (done, total) => {
                  if (jc.job.id === job.id) process.stderr.write(`${tty ? '\r' : ''}issuing ${achievement.definition.name}: ${done}/${total ?? '?'}${tty ? '' : '\n'}`);
                  await jc.progress(done, total);
                },
              }),
          },
        });
        await runner.drain();
        if (tty) process.stderr.write('\n');
        const report = await bulkJobReport(db, achievement.orgId, job.id);
        process.stdout.write(`job ${report.id}: ${report.issued} issued, ${report.failed} failed, ${report.pending} pending\n`);
        for (const e of report.errors) process.stdout.write(`  row ${e.row}: ${e.reason}\n`);
        if (report.failed > 0 || report.pending > 0) process.exitCode = EXIT.failed;
      } finally {
        await database.close();
      }
    });
}
