/**
 * `npm run bench`: every benchmark, each as a ratio against a reference
 * implementation measured in the same run (absolute times vary by machine;
 * ratios are what docs/PERFORMANCE.md records).
 *   --seconds N   time per benchmark side (default 6)
 */
import { credentialsBench } from './credentials.js';
import type { Row } from './measure.js';

const at = process.argv.indexOf('--seconds');
const seconds = at > 0 ? Number(process.argv[at + 1]) : 6;

const rows: Row[] = [...(await credentialsBench(seconds))];
const fmt = (n: number) => n.toFixed(1).padStart(9);
process.stdout.write(`\n${'benchmark'.padEnd(54)} ${'ours/s'.padStart(9)} ${'ref/s'.padStart(9)} ${'ratio'.padStart(7)} ${'cpu'.padStart(7)}\n`);
for (const r of rows) {
  const cpu = r.cpuRatio === undefined ? ''.padStart(7) : `${r.cpuRatio.toFixed(2).padStart(6)}×`;
  process.stdout.write(`${r.name.padEnd(54)} ${fmt(r.oursPerSecond)} ${fmt(r.referencePerSecond)} ${r.ratio.toFixed(2).padStart(6)}× ${cpu}   ${r.note}\n`);
}
