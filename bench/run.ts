/**
 * `npm run bench`: every benchmark, each as a ratio against a reference
 * implementation measured in the same run (absolute times vary by machine;
 * ratios are what docs/PERFORMANCE.md records).
 *   --seconds N   time per benchmark side (default 6)
 *   --bulk N      credentials in the bulk issuance run (default 1000; the target is set for 10000)
 *   --bulk-database-url URL   also run bulk issuance on this PostgreSQL server (a scratch
 *                 database is created and dropped); default $BENCH_DATABASE_URL, else PGlite only
 *   --bulk-only   run only bulk issuance (its peak RSS is then the issuance's own)
 *   --bulk-postgres-only   skip the PGlite bulk run (peak RSS of the PostgreSQL run alone)
 *   --ledger-only   run only the transparency log benchmark (issue #5)
 *   --ledger-database-url URL   its PostgreSQL server (scratch databases); default the bulk URL
 *   --ledger-size N,M,…   tree sizes for the proof benchmark (default 10000,1000000; 10000000 takes minutes)
 *   --ledger-proofs-only   only its proof benchmark
 *   --ledger-appends N   entries in the PostgreSQL append run (default 100000; PGlite runs a fifth)
 */
import { bulkBench, type BulkRow } from './bulk.js';
import { credentialsBench } from './credentials.js';
import { ledgerBench, printLedger } from './ledger.js';
import type { Row } from './measure.js';
import { formatPathwayBench, pathwayBench } from './pathways.js';

const at = process.argv.indexOf('--seconds');
const seconds = at > 0 ? Number(process.argv[at + 1]) : 6;

const bulkOnly = process.argv.includes('--bulk-only');
const ledgerOnly = process.argv.includes('--ledger-only');
const rows: Row[] = bulkOnly || ledgerOnly ? [] : [...(await credentialsBench(seconds))];
const fmt = (n: number) => n.toFixed(1).padStart(9);
if (rows.length) process.stdout.write(`\n${'benchmark'.padEnd(54)} ${'ours/s'.padStart(9)} ${'ref/s'.padStart(9)} ${'ratio'.padStart(7)} ${'cpu'.padStart(7)}\n`);
for (const r of rows) {
  const cpu = r.cpuRatio === undefined ? ''.padStart(7) : `${r.cpuRatio.toFixed(2).padStart(6)}×`;
  process.stdout.write(`${r.name.padEnd(54)} ${fmt(r.oursPerSecond)} ${fmt(r.referencePerSecond)} ${r.ratio.toFixed(2).padStart(6)}× ${cpu}   ${r.note}\n`);
}

// Bulk issuance, end to end (not a ratio: a wall time and peak memory against the targets).
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const bulkN = Number(arg('--bulk') ?? 1000);
const bulkUrl = arg('--bulk-database-url') ?? process.env.BENCH_DATABASE_URL;
const bulkRows: BulkRow[] = [];
if (!ledgerOnly && !(bulkUrl && process.argv.includes('--bulk-postgres-only'))) bulkRows.push(await bulkBench(bulkN));
if (!ledgerOnly && bulkUrl) bulkRows.push(await bulkBench(bulkN, bulkUrl));
for (const b of bulkRows) {
  const perSecond = (b.n * 1000) / b.wallMs;
  process.stdout.write(`\nbulk issuance, ${b.n} credentials on ${b.database}: ${(b.wallMs / 1000).toFixed(2)} s wall (${perSecond.toFixed(0)}/s), peak RSS ${b.peakRssMiB.toFixed(0)} MiB, process CPU ${(b.cpuMs / 1000).toFixed(2)} s\n`);
  for (const [stage, ms] of Object.entries(b.stages)) process.stdout.write(`  ${stage.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s\n`);
}

// Transparency log (issue #5): appends, proofs, checkpoint cadence, the verifier's log check.
if (!bulkOnly) {
  const ledger = await ledgerBench({
    serverUrl: arg('--ledger-database-url') ?? bulkUrl,
    proofSizes: (arg('--ledger-size') ?? '10000,1000000').split(',').map(Number),
    appendN: Number(arg('--ledger-appends') ?? 100_000),
    seconds: Math.min(seconds, 4),
    proofsOnly: process.argv.includes('--ledger-proofs-only'),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  printLedger(ledger, (s) => process.stdout.write(s));
}
// Pathway planner (issue #7): plan time and cost against a greedy set-cover baseline.
if (!bulkOnly && !ledgerOnly) process.stdout.write(formatPathwayBench(await pathwayBench()));
