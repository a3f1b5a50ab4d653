import { ready } from '@carekey/crypto';

await ready();
