// Builds what `npm start` runs: the server (tsc → dist/src, with the SQL
// migrations copied beside it) and the web app (vite → dist/web). Each part is
// skipped when its output is newer than every source file, so a second
// `npm start` starts at once.
//   --quiet     print nothing unless something fails
//   --web-only  build only the web app (what the tests need)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const log = (m) => quiet || process.stdout.write(`${m}\n`);

function newest(dir) {
  let t = 0;
  if (!existsSync(dir)) return t;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}
const mtime = (f) => (existsSync(f) ? statSync(f).mtimeMs : 0);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const run = (cmd, argv) => execFileSync(cmd, argv, { cwd: root, stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit' });

const pkgTime = Math.max(mtime(path.join(root, 'package-lock.json')), mtime(path.join(root, 'package.json')));

if (!args.has('--web-only')) {
  const out = path.join(root, 'dist/src/cli/main.js');
  if (Math.max(newest(path.join(root, 'src')), pkgTime, mtime(path.join(root, 'tsconfig.json'))) > mtime(out)) {
    log('building the server (tsc)…');
    run(bin('tsc'), ['-p', 'tsconfig.build.json']);
  }
  cpSync(path.join(root, 'src/db/migrations'), path.join(root, 'dist/src/db/migrations'), { recursive: true });
}

if (existsSync(path.join(root, 'web/index.html'))) {
  const out = path.join(root, 'dist/web/index.html');
  if (Math.max(newest(path.join(root, 'web')), pkgTime) > mtime(out)) {
    log('building the web app (vite)…');
    run(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', quiet ? 'error' : 'info']);
  }
}
