/**
 * `pnpm start`: builds the app when its build is missing or older than its sources, then runs
 * the relay serving it (SQLite in ./data unless DATABASE_URL is set).
 */
import { ensureWebBuild, webBuildIsStale } from './web-build.ts';

if (webBuildIsStale()) console.log('Building the app (pnpm build)…');
ensureWebBuild();
await import('../server/src/main.ts');
