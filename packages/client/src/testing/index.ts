/** Test helpers other packages use: the storage contract suite, and an account's own keys for security tests. */
export { storageContract } from './storage-contract.ts';
export { ownKeysForTests, type OwnKeys } from './own-keys.ts';
export { sealReencryption } from '../reencryption.ts';
