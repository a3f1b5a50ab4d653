// Argon2id runs here, off the page's thread (see @carekey/client/kdf-worker).
import '@carekey/client/kdf-worker';
