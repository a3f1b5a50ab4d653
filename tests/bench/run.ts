/** `pnpm bench`: every figure of DESIGN §8 measured so far, beside its target. */
import { ready } from '@carekey/crypto';
import { report } from './harness.ts';
import { cryptoFigures } from './crypto.ts';
import { recordFigures } from './record.ts';
import { browserRecordFigures } from './browser-record.ts';
import { webFigures } from './web.ts';
import { realtimeFigures } from './realtime.ts';
import { controlLogFigures } from './control-log.ts';

await ready();
report([
  ...(await cryptoFigures()),
  ...(await recordFigures()),
  ...controlLogFigures(),
  ...(await realtimeFigures()),
  ...(await webFigures()),
  ...(await browserRecordFigures()),
]);
