/** Node-only parts of the client: storage in a file. */
export { FileStorage } from './file-storage.ts';
