/** Test helpers other packages use: the storage contract suite. */
export { storageContract } from './storage-contract.ts';
