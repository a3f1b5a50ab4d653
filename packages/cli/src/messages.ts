/**
 * What the CLI says for each expected failure: plain words that say what to do next. Scripts
 * read the code from `--json` output instead (`{"error":{"code","message"}}` on stderr).
 */
import type { ErrorCode } from '@carekey/client';

export const MESSAGES: Partial<
  Record<ErrorCode | 'integrity' | 'wrong-secret' | 'bad-format' | 'weak-kdf-parameters' | 'invalid-resource', string>
> = {
  'wrong-secret': 'That passphrase or Secret Key is not right. Check both and try again.',
  offline: 'The relay cannot be reached. Your changes are kept on this device and will be sent at the next sync.',
  'no-account': 'There is no Carekey account in this home directory yet. Run "carekey init" or "carekey login" first.',
  'account-exists': 'That account already exists on the relay.',
  'rate-limited': 'The relay asked us to slow down. Wait a minute and try again.',
  'not-found': 'The relay does not know that account. Check the account ID.',
  'weak-kdf-parameters':
    'The relay offered unsafe passphrase settings, so nothing was sent. Your relay may be misconfigured or compromised.',
  integrity: 'Some data failed its integrity check and was not used.',
  'relay-error': 'The relay gave an answer Carekey does not understand. It may be a different version.',
  unauthorized: "The relay did not accept this device's login. Check that --relay is the address in your Emergency Kit.",
  'unknown-device': 'This device has been removed from the account. Log in again to add it back.',
  'payload-too-large': 'That is too large to send in one go.',
  'envelope-too-large': 'That entry is too large (over 1 MiB). Large files will be supported as attachments.',
  'storage-full': "This computer's disk is full: nothing new was saved.",
  'link-expired': 'This share link has expired. Ask the patient for a new one.',
  'link-revoked': 'This share link is closed: the patient revoked it, or too many wrong passcodes were tried.',
  'wrong-passcode': 'That passcode is not right.',
  'passcode-required': 'This share link needs its passcode: give --passcode P or set CAREKEY_PASSCODE.',
  'bad-link': 'That is not a whole Carekey share link: it needs everything after the #.',
  'bad-expiry': 'The end date must be in the future (--until): a share link lasts at most a year, access for a person at most ten years.',
  'fingerprint-mismatch':
    'The safety number does not match that account. Check the account ID and compare the number again; nothing was changed.',
  'emergency-waiting':
    'Emergency access is not open yet: ask first ("carekey emergency request VAULT"), then wait unless the patient refuses.',
  'access-ended': 'Your access to this record has ended: it was stopped by the patient or reached its end date.',
};
