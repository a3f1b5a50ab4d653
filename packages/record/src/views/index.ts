/**
 * Views of the record (DESIGN §6): its parts, the home summary, results and trends, the
 * timeline and search — pure functions over entries, for the app's screens.
 */
export { PARTS, PART_NAMES, partOf, byPart, byClinicalDate, type Part } from './parts.ts';
export {
  homeSummary,
  isActiveAllergy,
  isActiveCondition,
  isCurrentMedicine,
  type HomeSummary,
  type SummaryItem,
  type MedicineItem,
  type AppointmentItem,
  type SummaryOptions,
} from './summary.ts';
export {
  BLOOD_PRESSURE_KEY,
  resultSeries,
  latestResults,
  chartData,
  resultReports,
  testKey,
  type ResultPoint,
  type ResultSeries,
  type ResultOptions,
  type ChartData,
  type ReportGroup,
  type ReportResult,
} from './results.ts';
export { timeline, groupTimeline, type TimelineItem, type TimelineGroup } from './timeline.ts';
export { searchEntries, searchIndex, type SearchHit, type SearchIndex, type SearchField } from './search.ts';
export { entryLookup, followReference, type EntryLookup, type ResolveReference } from './references.ts';
export { clinicalDate, clinicalTime, fhirInstant, datePrecision, type DatePrecision } from './dates.ts';
export { parseUcum, convertUnit, convertible, readableUnit, type ParsedUnit } from './units.ts';
export { plainTestName } from './test-names.ts';
export { foldText } from './format.ts';
