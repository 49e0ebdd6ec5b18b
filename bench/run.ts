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
 */
import { bulkBench, type BulkRow } from './bulk.js';
import { credentialsBench } from './credentials.js';
import type { Row } from './measure.js';

const at = process.argv.indexOf('--seconds');
const seconds = at > 0 ? Number(process.argv[at + 1]) : 6;

const bulkOnly = process.argv.includes('--bulk-only');
const rows: Row[] = bulkOnly ? [] : [...(await credentialsBench(seconds))];
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
if (!(bulkUrl && process.argv.includes('--bulk-postgres-only'))) bulkRows.push(await bulkBench(bulkN));
if (bulkUrl) bulkRows.push(await bulkBench(bulkN, bulkUrl));
for (const b of bulkRows) {
  const perSecond = (b.n * 1000) / b.wallMs;
  process.stdout.write(`\nbulk issuance, ${b.n} credentials on ${b.database}: ${(b.wallMs / 1000).toFixed(2)} s wall (${perSecond.toFixed(0)}/s), peak RSS ${b.peakRssMiB.toFixed(0)} MiB, process CPU ${(b.cpuMs / 1000).toFixed(2)} s\n`);
  for (const [stage, ms] of Object.entries(b.stages)) process.stdout.write(`  ${stage.padEnd(52)} ${(ms / 1000).toFixed(2).padStart(7)} s\n`);
}
