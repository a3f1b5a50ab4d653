import { relayStoreContract } from './contract.ts';
import { MemoryRelayStore } from './memory.ts';

relayStoreContract('memory', async () => new MemoryRelayStore());
