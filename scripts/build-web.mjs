// Builds the browser client (web/ → web/dist) when its sources are newer than the last build, so that
// `npm start` on a fresh checkout serves the app, and a second start does not wait for a build it does not need.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'web/dist/index.html');
const sources = ['web/src', 'web/index.html', 'web/vite.config.mts', 'src/collaboration/client', 'src/collaboration/protocol.ts', 'package-lock.json'];

function newest(target) {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce((latest, name) => Math.max(latest, newest(path.join(target, name))), stat.mtimeMs);
}

const stale = !existsSync(built) || sources.some((source) => newest(path.join(root, source)) > statSync(built).mtimeMs);
if (stale || process.argv.includes('--force')) {
  console.log('Building the browser client …');
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    // A production build whatever the caller's NODE_ENV (the tests run with `test`).
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
