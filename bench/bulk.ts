/**
 * Bulk issuance benchmark (issue #4): N credentials end to end — CSV parsed
 * and stored as a job, each row issued (signed eddsa-rdfc-2022, status index
 * allocated, credential stored, log entry appended, row recorded) by the real
 * job handler, then the transparency log sequenced — on PGlite and, given a
 * server URL, on PostgreSQL in a scratch database dropped afterwards.
 * Reports wall time, the per-stage split and peak RSS. The target is 10,000
 * credentials in < 15 s and < 1 GiB.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { masterKeyFromBytes } from '../src/credentials/index.js';
import { scratchDatabase, schema } from '../src/db/index.js';
import { seedDemo } from '../src/demo/index.js';
import { BULK_ISSUE_JOB, bulkIssueHandler, bulkJobSummary, createBulkIssueJob, DbKeyStore, type IssuanceContext, type IssuanceTimings } from '../src/issuance/index.js';
import { JobRunner } from '../src/jobs/index.js';
import { integrate } from '../src/ledger/index.js';
import { programmeAwarder, programmeBatchAwarder } from '../src/programmes/index.js';

export interface BulkRow {
  database: string;
  n: number;
  wallMs: number;
  stages: Record<string, number>;
  peakRssMiB: number;
  /** CPU time of this process (user + system) over the run; PostgreSQL's own server processes are not in it. */
  cpuMs: number;
  issued: number;
}

function csvOf(n: number): string {
  const lines = ['name,email,issue_date,result'];
  for (let i = 0; i < n; i++) lines.push(`Learner ${i} Ngũgĩ Lefèvre,learner.${i}@bulk.example,2026-11-${String((i % 28) + 1).padStart(2, '0')},`);
  return lines.join('\n');
}

export async function bulkBench(n: number, databaseUrl?: string): Promise<BulkRow> {
  const database = await scratchDatabase(databaseUrl, 'mc_bench');
  try {
    await database.migrate();
    const { db } = database;
    await seedDemo(db);
    const [achievement] = await db.select().from(schema.achievements).where(eq(schema.achievements.status, 'published')).limit(1);
    if (!achievement) throw new Error('the demo seed has no published achievement');
    const clock = { now: () => new Date() };
    const keys = new DbKeyStore(db, masterKeyFromBytes(randomBytes(32)), clock);
    const timings: IssuanceTimings = { signMs: 0, ledgerMs: 0 };
    const ctx: IssuanceContext = { db, publicUrl: 'https://bench.example', keys, clock, timings };
    ctx.afterIssue = programmeAwarder(ctx);
    ctx.afterIssueBatch = programmeBatchAwarder(ctx);
    const runner = new JobRunner({ db, clock, handlers: { [BULK_ISSUE_JOB]: bulkIssueHandler(ctx) } });
    const csv = csvOf(n);

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 20);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const job = await createBulkIssueJob(db, { orgId: achievement.orgId, csv, achievementId: achievement.id });
    const t1 = performance.now();
    await runner.drain();
    const t2 = performance.now();
    // Sequence the log: every pending entry becomes a leaf of the Merkle tree.
    for (;;) {
      const r = await integrate(db, { maxBatch: 4096 });
      if (r.added === 0) break;
    }
    const t3 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const summary = await bulkJobSummary(db, job.id);
    if (summary.issued !== n) {
      const [state] = await db.select().from(schema.jobs).where(eq(schema.jobs.id, job.id));
      throw new Error(`expected ${n} issued, got ${JSON.stringify(summary)}; job: ${JSON.stringify(state)}`);
    }
    const issueMs = t2 - t1;
    return {
      database: database.kind,
      n,
      wallMs: t3 - t0,
      stages: {
        'parse + store job': t1 - t0,
        sign: timings.signMs,
        'ledger append': timings.ledgerMs,
        'other DB work (lookups, status index, insert, rows)': issueMs - timings.signMs - timings.ledgerMs,
        'ledger sequencing': t3 - t2,
      },
      peakRssMiB: peakRss / 2 ** 20,
      cpuMs: (cpu.user + cpu.system) / 1000,
      issued: summary.issued,
    };
  } finally {
    await database.close();
  }
}
