// Totals Vitest JSON reports (plus extra pass/fail counts) into CI's closing line.
// A missing report counts as one failed suite, so a crash cannot pass silently.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--extra') {
    passed += Number(args[++i]);
    failed += Number(args[++i]);
    continue;
  }
  const file = args[i];
  if (!existsSync(file)) {
    console.log(`${file}: missing (suite did not finish)`);
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  console.log(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  passed += r.numPassedTests;
  // A file that failed before running any test (an import error) counts once.
  const brokenFiles = r.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  failed += r.numFailedTests + brokenFiles;
  skipped += r.numPendingTests + r.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
