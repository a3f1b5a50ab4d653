/**
 * `pnpm dev`: the relay (restarting when its code changes) and the app on Vite with live reload.
 * Open the app at http://localhost:5173; Vite forwards the API to the relay, and the relay's
 * PUBLIC_ORIGIN is the app's, because logins are bound to the origin the app signs for.
 */
import { spawn } from 'node:child_process';
import { ROOT } from './web-build.ts';

const APP = 'http://localhost:5173';
const children = [
  spawn(process.execPath, ['--watch-path=server/src', '--watch-path=packages', 'server/src/main.ts'], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, PUBLIC_ORIGIN: process.env.PUBLIC_ORIGIN ?? APP, DATA_DIR: process.env.DATA_DIR ?? 'data/dev' },
  }),
  spawn('pnpm', ['--filter', '@carekey/web', 'exec', 'vite', 'dev', '--port', '5173', '--strictPort'], { cwd: ROOT, stdio: 'inherit' }),
];

const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const child of children) child.once('exit', stop);
