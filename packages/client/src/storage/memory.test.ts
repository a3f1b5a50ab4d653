import { storageContract } from '../testing/storage-contract.ts';
import { MemoryStorage } from './memory.ts';

storageContract('memory', async () => new MemoryStorage());
