/**
 * Exports of the record (DESIGN §6, Settings → export; sharing a summary): the whole record as
 * a FHIR Bundle, an International Patient Summary document, and a printable one-page summary.
 */
export { exportBundle, type ExportBundleOptions, type ExportedBundle, type ExportedEntry } from './bundle.ts';
export { exportIps, IPS_SECTIONS, type IpsOptions, type IpsAuthor } from './ips.ts';
export { printableSummary, type PrintableOptions, type PrintableSummary, type PrintableSection, type PrintableRow } from './printable.ts';
export { entryUrn, uuidV5, ENTRY_UUID_NAMESPACE, URL_NAMESPACE } from './uuid.ts';
export { escapeXhtml } from './narrative.ts';
