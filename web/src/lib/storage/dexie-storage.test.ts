import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { storageContract } from '@carekey/client/testing';
import { DexieStorage } from './dexie-storage.ts';

let n = 0;
storageContract('Dexie (fake-indexeddb)', () => DexieStorage.open(`carekey-test-${n++}`, { indexedDB: new IDBFactory(), IDBKeyRange }));
