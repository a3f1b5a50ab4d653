import { ensureWebBuild } from '../../scripts/web-build.ts';

/** The stories need the built app: build it once if it is missing or stale. */
export default function globalSetup(): void {
  ensureWebBuild();
}
