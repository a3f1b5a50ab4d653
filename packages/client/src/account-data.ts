/**
 * What the account keeps encrypted on the relay and on each device (as account items under a
 * key from the account key): the bundle of secret keys and vaults, and one item per category
 * root. Schemas version every shape (STYLE habit 5).
 */
import * as v from 'valibot';
import { IntegrityError, canonicalBytes, decodeCanonical, openAccountItem, sealAccountItem, type SealedItem } from '@carekey/crypto';
import { CATEGORIES } from '@carekey/record';
import type { api } from '@carekey/protocol';
import { GrantNoteSchema, grantItemId, type GrantNote } from './grants.ts';

const B64 = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/));
const Hex16 = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

export const ROLES = ['patient', 'clinician', 'carer'] as const;
export type Role = (typeof ROLES)[number];

/** The account bundle: the account's secret keys and its vaults. */
export const BundleSchema = v.strictObject({
  v: v.literal(1),
  identitySeed: B64,
  boxSecretKey: B64,
  recoveryPublicKey: B64,
  role: v.picklist(ROLES),
  name: v.pipe(v.string(), v.maxLength(200)),
  created: v.number(),
  vaults: v.array(v.strictObject({ vault: Hex16, importKey: B64, name: v.pipe(v.string(), v.maxLength(200)) })),
});
export type Bundle = v.InferOutput<typeof BundleSchema>;

/** One category root of one vault and epoch. */
export const RootSchema = v.strictObject({
  v: v.literal(1),
  vault: Hex16,
  collection: Hex16,
  category: v.picklist(CATEGORIES),
  epoch: v.pipe(v.number(), v.safeInteger(), v.minValue(1)),
  root: B64,
});
export type RootItem = v.InferOutput<typeof RootSchema>;

export const BUNDLE_ITEM_ID = 'bundle-1';

export function rootItemId(root: Pick<RootItem, 'vault' | 'collection' | 'epoch'>): string {
  return `root-${root.vault}-${root.collection}-${root.epoch}`;
}

/** Seals the bundle as an account item. */
export function sealBundle(itemKey: Uint8Array, account: string, bundle: Bundle): api.AccountItemWire {
  return { itemId: BUNDLE_ITEM_ID, kind: 'bundle', ...sealAccountItem(itemKey, account, BUNDLE_ITEM_ID, 'bundle', canonicalBytes(bundle)) };
}

/** Seals the patient's note of a grant (who, in their words) as an account item. */
export function sealGrantNote(itemKey: Uint8Array, account: string, note: GrantNote): api.AccountItemWire {
  const itemId = grantItemId(note.grant);
  return { itemId, kind: 'grant', ...sealAccountItem(itemKey, account, itemId, 'grant', canonicalBytes(note)) };
}

/** Seals a category root as an account item. */
export function sealRoot(itemKey: Uint8Array, account: string, root: RootItem): api.AccountItemWire {
  const itemId = rootItemId(root);
  return { itemId, kind: 'root', ...sealAccountItem(itemKey, account, itemId, 'root', canonicalBytes(root)) };
}

/**
 * Opens every account item: the bundle and the roots.
 *
 * @throws IntegrityError when an item does not decrypt or is malformed
 */
export function openAccountItems(
  itemKey: Uint8Array,
  account: string,
  items: readonly api.AccountItemWire[],
): { bundle: Bundle; roots: RootItem[]; notes: GrantNote[] } {
  let bundle: Bundle | undefined;
  const roots: RootItem[] = [];
  const notes: GrantNote[] = [];
  for (const item of items) {
    const sealed: SealedItem = { nonce: item.nonce, ciphertext: item.ciphertext };
    const value = decodeCanonical(openAccountItem(itemKey, account, item.itemId, item.kind, sealed), `account item ${item.kind}`);
    if (item.kind === 'bundle') {
      if (item.itemId === BUNDLE_ITEM_ID) bundle = parseItem(BundleSchema, value, 'bundle');
    } else if (item.kind === 'grant') {
      const note = parseItem(GrantNoteSchema, value, 'grant note');
      if (grantItemId(note.grant) !== item.itemId)
        throw new IntegrityError('context-mismatch', 'a grant item ID does not match its contents');
      notes.push(note);
    } else {
      const root = parseItem(RootSchema, value, 'root');
      if (rootItemId(root) !== item.itemId) throw new IntegrityError('context-mismatch', 'a root item ID does not match its contents');
      roots.push(root);
    }
  }
  if (!bundle) throw new IntegrityError('malformed', 'the account bundle is missing');
  return { bundle, roots, notes };
}

function parseItem<S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (!result.success) throw new IntegrityError('malformed', `the account ${what} is not valid`);
  return result.output;
}
