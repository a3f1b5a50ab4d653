/**
 * Typed failures of the cryptographic layer. Expected outcomes (a tampered envelope, a wrong
 * passphrase, weak KDF parameters handed over by a relay) are these classes with a stable
 * `code`; anything else that throws is a bug.
 */

/** Why an {@link IntegrityError} was raised: which check failed. */
export type IntegrityReason =
  | 'malformed'
  | 'unsupported-version'
  | 'unsupported-suite'
  | 'signature'
  | 'certificate'
  | 'decrypt'
  | 'author-mismatch'
  | 'category-mismatch'
  | 'context-mismatch'
  | 'chain'
  | 'verified-mark'
  /** Signed by someone whose grant does not allow this write (outside it, or after it was revoked). */
  | 'not-granted';

/**
 * Data failed an integrity check: a signature, a MAC, a structural rule or a binding between
 * the header and the decrypted contents. Never carries plaintext.
 *
 * @example
 * try { openEnvelope(verified, monthKey, expect); }
 * catch (e) { if (e instanceof IntegrityError) report(e.reason); else throw e; }
 */
export class IntegrityError extends Error {
  readonly code = 'integrity' as const;
  readonly reason: IntegrityReason;

  constructor(reason: IntegrityReason, message: string, options?: { cause?: unknown }) {
    super(`${message} (${reason})`, options);
    this.name = 'IntegrityError';
    this.reason = reason;
  }
}

/**
 * An unlock failed: the passphrase, the Secret Key or the recovery code is wrong. Deliberately
 * says nothing about which one, so it cannot be used as an oracle.
 */
export class WrongSecretError extends Error {
  readonly code = 'wrong-secret' as const;

  constructor() {
    super('The passphrase or the Secret Key is not right');
    this.name = 'WrongSecretError';
  }
}

/**
 * Key-derivation parameters are weaker than the floors this client enforces (or absurdly large).
 * Raised before any derivation runs, so a relay cannot talk a client into a cheap KDF.
 */
export class WeakKdfParametersError extends Error {
  readonly code = 'weak-kdf-parameters' as const;

  constructor(message: string) {
    super(message);
    this.name = 'WeakKdfParametersError';
  }
}

/** Input that a person typed or pasted is not in the expected format (a Secret Key, a recovery code). */
export class FormatError extends Error {
  readonly code = 'bad-format' as const;
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'FormatError';
    this.field = field;
  }
}
