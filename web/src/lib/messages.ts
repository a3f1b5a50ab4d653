/**
 * What the app says for each expected failure, in plain words that say what to do next
 * (STYLE habit 7: codes in the client, words here). No jargon: no "envelope", "epoch" or "slot".
 */
import type { ErrorCode } from '@carekey/client';

const MESSAGES: Partial<Record<ErrorCode | 'invalid-resource', string>> = {
  'wrong-secret': "That doesn't match. Check your passphrase and Secret Key and try again.",
  offline: "You're offline. Your changes are saved on this phone and will sync when you're back online.",
  'rate-limited': 'Too many tries in a short time. Please wait a minute and try again.',
  'not-found': "We couldn't find that account. Check the account ID in your Emergency Kit.",
  'bad-format': 'Something there is not in the right format. Check it against your Emergency Kit.',
  'weak-kdf-parameters': 'The server offered unsafe security settings, so nothing was sent. Please contact your Carekey provider.',
  integrity: 'Some information failed a safety check and was not shown.',
  'relay-error': "The Carekey server gave an answer this app doesn't understand. Try again later.",
  unauthorized: "The Carekey server didn't accept this phone. Try signing in again.",
  'unknown-device': 'This phone has been removed from your account. Sign in again to add it back.',
  'storage-full':
    "Your phone's storage is full, so nothing new could be saved. Free up some space and try again. Everything saved before is still here.",
  'storage-denied':
    "This browser won't let Carekey save anything (this happens in private browsing). Open Carekey in a normal browser window to keep your record on this phone.",
  'account-exists': 'That account already exists.',
  'no-account': "There's no Carekey record on this phone yet.",
  conflict: 'This phone already has a Carekey record.',
  'payload-too-large': 'That is too large to save in one go.',
  'envelope-too-large': 'That entry is too large to save.',
  internal: 'Something went wrong on the Carekey server. Please try again later.',
  'link-expired': 'This share link has expired. Ask the patient to send a new one.',
  'link-revoked':
    'This share link is no longer open: the patient closed it, or too many wrong passcodes were tried. Ask the patient for a new one.',
  'wrong-passcode': "That passcode isn't right. Check it with the patient and try again.",
  'passcode-required': 'This share link needs the passcode the patient gave you.',
  'bad-link': "That link isn't complete. Copy the whole link, including everything after the #.",
  'bad-expiry': 'Choose an end date from tomorrow up to a year from today.',
  'fingerprint-mismatch':
    "That safety number doesn't match this person's account. Check the account ID and compare the number with them again. Nothing was shared.",
  'access-ended': 'Your access to this record has ended. The person whose record it is stopped it, or the end date passed.',
  'not-granted': "You can't add to this part of their record. Nothing was added.",
};

/** What an error means here, when it means something more particular than `messageFor` says. */
export type MessageOverrides = Partial<Record<ErrorCode | 'invalid-resource', string>>;

/**
 * Plain words for an error, whatever threw it; `overrides` words a code for the screen it
 * happened on ("not-found" means an unknown account ID when giving access).
 */
export function messageFor(error: unknown, overrides: MessageOverrides = {}): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  if (code && code in overrides) return overrides[code as keyof MessageOverrides] as string;
  if (code && code in MESSAGES) return MESSAGES[code as keyof typeof MESSAGES] as string;
  return 'Something went wrong. Please try again.';
}

/** The code of an error, when it has one. */
export function codeOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
}
