import { IntegrityError } from '@carekey/crypto';
import { InvalidResourceError } from '@carekey/record';

/** A problem found while reading an envelope: never shown as an entry, always reported. */
export interface RejectedEnvelope {
  readonly vault: string;
  readonly hash: string | null;
  readonly seq: number | null;
  readonly reason: string;
  readonly message: string;
}

/**
 * Describes why an envelope was refused, without any of its contents. Only expected integrity
 * failures become rejections; anything else is a bug and is thrown on.
 */
export function toRejection(vault: string, hash: string | null, seq: number | null, error: unknown): RejectedEnvelope {
  if (error instanceof IntegrityError) return { vault, hash, seq, reason: error.reason, message: error.message };
  if (error instanceof InvalidResourceError) return { vault, hash, seq, reason: 'malformed', message: error.message };
  throw error;
}
