/**
 * Share links (DESIGN §4 "Share links"): the patient's side — make a link to chosen parts of
 * the record, list the links with their opens, stop one — and the clinician's side, which opens
 * a link with no account and no record on the computer and lays it out as the printed summary.
 */
import type { Category, CreatedShareLink, Entry, PrintableSection, SharedBundle, ShareLinkView } from '@carekey/client';
import { carekey } from './carekey.svelte.ts';

/** A link lasts at most a year (the relay and the client refuse longer). */
export const MAX_LINK_DAYS = 365;
/** The end date offered for a new link. */
export const DEFAULT_LINK_DAYS = 7;

/** The patient's share links: the one just made, and all of them with their opens. */
export class ShareLinksState {
  links = $state.raw<readonly ShareLinkView[]>([]);
  /** The link just made, to show with its QR code (only in memory: the fragment is the key). */
  created = $state.raw<CreatedShareLink | null>(null);
  loaded = $state(false);
  /**
   * The parts each link shares, for links made in this session: the relay is never told (the
   * parts are inside the sealed record), so a reloaded page no longer knows them.
   */
  partsOf = $state.raw<Readonly<Record<string, readonly Category[]>>>({});

  /**
   * Makes a link to the chosen parts that works until the end of the `until` day; with
   * `smartHealthLink` (and no passcode) the same link also in the SMART Health Links form.
   */
  async create(input: {
    categories: readonly Category[];
    until: Date;
    passcode?: string;
    /** Also as a SMART Health Link, which other health apps open (never with a passcode). */
    smartHealthLink?: boolean;
  }): Promise<CreatedShareLink> {
    const link = await carekey.unlockedClient().createShareLink({
      categories: input.categories,
      until: input.until,
      ...(input.passcode ? { passcode: input.passcode } : input.smartHealthLink ? { smartHealthLink: true } : {}),
    });
    this.created = link;
    this.partsOf = { ...this.partsOf, [link.linkId]: [...input.categories] };
    await this.refresh();
    return link;
  }

  /** Asks the relay for the links and their opens. */
  async refresh(): Promise<void> {
    const links = await carekey.unlockedClient().shareLinks();
    this.links = links.toReversed(); // newest first
    this.loaded = true;
  }

  /** Stops a link at once. */
  async revoke(linkId: string): Promise<void> {
    await carekey.unlockedClient().revokeShareLink(linkId);
    if (this.created?.linkId === linkId) this.created = null;
    await this.refresh();
  }

  /** What a person sees when they open this page again. */
  forget(): void {
    this.created = null;
  }
}

export const shareLinks = new ShareLinksState();

/** A shared record laid out for reading. */
export interface SharedRecordView {
  readonly name: string;
  readonly born: string | undefined;
  readonly about: PrintableSection | undefined;
  readonly sections: readonly PrintableSection[];
  readonly expiresAt: number;
}

/**
 * Opens a share link on a computer with no Carekey account (nothing is stored) and lays the
 * shared Bundle out as the printable summary's sections.
 *
 * @throws CarekeyError `passcode-required`, `wrong-passcode` (with `triesLeft`), `link-expired`,
 *   `link-revoked`, `bad-link`, `not-found`, `offline`; IntegrityError for a changed link
 */
export async function openSharedRecord(url: string, passcode: string | undefined): Promise<SharedRecordView> {
  const [{ openSharedRecord: open }, record] = await Promise.all([import('#lib/app.ts'), import('@carekey/client')]);
  const { bundle, expiresAt } = await open(url, passcode);
  const patient = bundle.entry.find((e) => e.resource.resourceType === 'Patient')?.resource;
  const entries = entriesOf(bundle, record.categoryForResourceType);
  const summary = record.printableSummary(entries, {
    patient: patient ?? { resourceType: 'Patient' },
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a moment to date the summary, not state
    now: new Date(),
    // Everything the patient chose to share, the more private parts included.
    categories: entries.map((e) => e.category).filter((c, i, all) => all.indexOf(c) === i),
  });
  const first = summary.sections[0];
  const about = first ? { ...first, title: 'Patient' } : undefined;
  const fact = (label: string) => first?.rows.find((r) => r.text === label)?.detail;
  return { name: fact('Name') ?? 'Unnamed patient', born: fact('Born'), about, sections: summary.sections.slice(1).map(shared), expiresAt };
}

/**
 * An empty section may only mean that part was not shared (the link holds the parts the patient
 * chose), so it does not say "None recorded".
 */
function shared(section: PrintableSection): PrintableSection {
  return section.rows.length === 0 ? { ...section, empty: 'Nothing in what was shared' } : section;
}

/**
 * The shared resources as the record's entries, which the summary reads: each in the category
 * its type belongs to, with the `fullUrl` it came with so references between them resolve.
 */
function entriesOf(bundle: SharedBundle, categoryOf: (resourceType: string) => Category): Entry[] {
  return bundle.entry
    .filter((e) => e.resource.resourceType !== 'Patient')
    .map((e, i) => {
      const entryId = `shared-${i}`;
      const category = categoryOf(e.resource.resourceType);
      const hlc = String(i).padStart(8, '0');
      const author = { account: '', device: '' };
      const current = {
        entryId,
        hash: entryId,
        kind: 'create',
        category,
        author,
        hlc,
        supersedes: undefined,
        resource: e.resource,
        resourceText: null,
        source: e.fullUrl ? { fullUrl: e.fullUrl } : undefined,
        issues: [],
        movedTo: undefined,
      } as unknown as Entry['current'];
      return {
        entryId,
        category,
        resourceType: e.resource.resourceType,
        author,
        resource: e.resource,
        hlc,
        current,
        versions: [current],
        conflict: false,
      };
    });
}
