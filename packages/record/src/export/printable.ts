/**
 * A one-page summary to print and take to a clinic: who the patient is, allergies, current
 * medicines, health problems, recent vaccinations and results, and the next appointment — as
 * structured sections of plain-language rows for the app to lay out (it prints; this only
 * decides what is said).
 */
import { isSpecialCategory, type Category } from '../categories.ts';
import { describeResource, detailsOf, plainDate } from '../describe.ts';
import type { Entry } from '../entry.ts';
import type { FhirResource } from '../fhir.ts';
import { clinicalDate } from '../views/dates.ts';
import type { FormatOptions } from '../views/format.ts';
import { byClinicalDate } from '../views/parts.ts';
import { entryLookup, type ResolveReference } from '../views/references.ts';
import { homeSummary } from '../views/summary.ts';

/** One line of a printed section. */
export interface PrintableRow {
  readonly text: string;
  readonly detail?: string;
  /** The date in words ("10 March 2015"). */
  readonly date?: string;
}

/** A printed section: a heading and its rows, or what to say when it has none. */
export interface PrintableSection {
  readonly title: string;
  readonly rows: readonly PrintableRow[];
  /** Said when `rows` is empty: "None recorded", "No known allergies". */
  readonly empty?: string;
  /** How many more the record holds than fit on the page. */
  readonly more?: number;
}

/** The printable summary. */
export interface PrintableSummary {
  readonly title: string;
  /** "Made on 24 November 2026 from the record kept in Carekey." */
  readonly subtitle: string;
  readonly sections: readonly PrintableSection[];
}

/** Options for {@link printableSummary}. */
export interface PrintableOptions extends FormatOptions {
  /** The Patient resource the summary is about. */
  readonly patient: FhirResource;
  readonly now: Date;
  /** Categories to draw on; by default every category except the special ones (DESIGN §3). */
  readonly categories?: readonly Category[];
  /** Rows per section at most, to keep to one page (default 8). */
  readonly rowsPerSection?: number;
  readonly resolve?: ResolveReference;
}

/**
 * The sections of a one-page clinic summary: About you (name, date of birth, NHS number,
 * address, GP practice), Allergies, Current medicines, Health problems, Next appointment,
 * Recent vaccinations and Recent results — each row in plain words, with what to say when a
 * section is empty. Sections longer than `rowsPerSection` are cut, saying how many more there are.
 *
 * @example
 * printableSummary(index.list(), { patient, now: new Date() }).sections.map((s) => s.title)
 * // ['About you', 'Allergies', 'Current medicines', 'Health problems', …]
 */
export function printableSummary(entries: readonly Entry[], options: PrintableOptions): PrintableSummary {
  const allowed = options.categories ? new Set<Category>(options.categories) : undefined;
  const usable = entries.filter((e) => (allowed ? allowed.has(e.category) : !isSpecialCategory(e.category)));
  const resolve = options.resolve ?? entryLookup(entries).resolve;
  const limit = options.rowsPerSection ?? 8;
  const summary = homeSummary(usable, options.now, { ...options, resolve, latestResults: limit });
  // Dates to the day: a clinic summary has no use for the minute a record was written.
  const dated = (date: string | undefined) => (date ? { date: plainDate(date.slice(0, 10), options) } : {});
  // What came from a health card whose signature could not be checked says so on paper too:
  // a clinician must not read it as confirmed.
  const unverified = new Set(usable.filter((e) => e.current.source?.card?.verified === false).map((e) => e.entryId));
  const UNVERIFIED = 'Not verified: from a health card whose signature could not be checked';
  const row = (text: string, detail: string | undefined, date: string | undefined, entryId?: string): PrintableRow => {
    const said = [detail, entryId !== undefined && unverified.has(entryId) ? UNVERIFIED : undefined].filter(Boolean).join(' · ');
    return { text, ...(said ? { detail: said } : {}), ...dated(date) };
  };
  const section = (title: string, rows: readonly PrintableRow[], empty: string): PrintableSection => ({
    title,
    rows: rows.slice(0, limit),
    ...(rows.length === 0 ? { empty } : {}),
    ...(rows.length > limit ? { more: rows.length - limit } : {}),
  });

  const about = detailsOf(options.patient, resolve, options)
    .filter((d) => ['Name', 'Born', 'NHS number', 'Address', 'GP practice'].includes(d.label))
    .map((d) => ({ text: d.label, detail: d.value }));

  const vaccinations = usable
    .filter(
      (e) => e.resource.resourceType === 'Immunization' && e.resource.status !== 'entered-in-error' && e.resource.status !== 'not-done',
    )
    .sort(byClinicalDate)
    .map((e) => {
      const s = describeResource(e.resource, resolve);
      return row(s.title, undefined, clinicalDate(e.resource), e.entryId);
    });

  const next = summary.nextAppointment;
  return {
    title: 'My health summary',
    subtitle: `Made on ${plainDate(options.now.toISOString().slice(0, 10))} from the record I keep in Carekey.`,
    sections: [
      section('About you', about, 'No details recorded'),
      section(
        'Allergies',
        summary.allergies.map((a) => row(a.title, a.detail, undefined, a.entryId)),
        summary.noKnownAllergies ? 'No known allergies' : 'None recorded',
      ),
      section(
        'Current medicines',
        summary.medicines.map((m) => row(m.title, m.detail, undefined, m.entryId)),
        'None recorded',
      ),
      section(
        'Health problems',
        summary.conditions.map((c) => row(c.title, c.detail, undefined, c.entryId)),
        'None recorded',
      ),
      section(
        'Next appointment',
        next ? [{ text: next.title, ...(next.detail ? { detail: next.detail } : {}), date: plainDate(next.start, options) }] : [],
        'None booked',
      ),
      section('Vaccinations', vaccinations, 'None recorded'),
      section(
        'Recent results',
        summary.latestResults.map(({ series, point }) =>
          row(
            series.name,
            [point.text, point.outOfRange ? (point.interpretation ?? 'Outside the normal range') : undefined].filter(Boolean).join(' · '),
            point.date,
            point.entryId,
          ),
        ),
        'None recorded',
      ),
    ],
  };
}
