#!/usr/bin/env node
// Runs the compiled CLI; `npm start` or `npm run build` produces it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('microcred: not built yet; run `npm run build` (or `npm start`) first\n');
  process.exit(2);
}
await import(entry.href);
