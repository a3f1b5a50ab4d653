/**
 * @carekey/client — the headless Carekey client (DESIGN §2): a vault session over a storage
 * adapter and a relay transport, usable in browsers and in Node.
 */
export { CarekeyClient, checkPassphrase, normaliseAccountId } from './client.ts';
export type { AccountView, CarekeyClientOptions, ClientSnapshot, ClientStatus, EmergencyKit, PassphraseKdf, VaultLoad } from './client.ts';
export type { RejectedEnvelope } from './rejection.ts';
export { backoffDelay, type SyncReport, type SyncState, type SyncStatus, type Timers } from './sync.ts';
export type { ChainGap } from './vault-state.ts';
export { ROLES, type Role } from './account-data.ts';
export { MemoryStorage } from './storage/memory.ts';
export { joinKey, type StorageAdapter, type StorageKey, type StorageRecord, type StorageWrite } from './storage/types.ts';
export { HttpTransport, type FetchLike, type RelayTransport } from './transport/http.ts';
export {
  SseParser,
  realtimeEvent,
  watchVault,
  type RealtimeEvent,
  type RealtimeState,
  type SseMessage,
  type WatchVaultOptions,
} from './realtime.ts';
export { systemClock, type Clock } from './clock.ts';
export { ready } from '@carekey/crypto';
export { CarekeyError, type ErrorCode } from '@carekey/protocol';
export { workerKdf } from './browser/kdf.ts';
export type { ImportPhase, ImportProgress, ImportReport } from './import-report.ts';
export type { ReencryptionReport } from './reencryption.ts';
export {
  MAX_SHL_FILE_BYTES,
  openShareLink,
  parseShareLink,
  shareLinkUrl,
  type CreatedShareLink,
  type OpenShareLinkOptions,
  type ParsedShareLink,
  type PasscodeKdf,
  type SharedBundle,
  type ShareLinkOptions,
  type ShareLinkView,
} from './share-links.ts';
// The record model, views, builders and exports, for the app and the CLI (which import nothing
// else of ours): pure functions over entries.
export * from '@carekey/record';
export {
  GRANT_ROLES,
  type AccessLogEntry,
  type EmergencyRequestView,
  type GrantOptions,
  type GrantRole,
  type GrantView,
} from './grants.ts';
export type { SharedRecord, SharedRecordView } from './shared-records.ts';
