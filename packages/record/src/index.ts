/**
 * @carekey/record — the health record: categories, FHIR resources as entries, the entry model
 * and the ordering of versions (DESIGN §3).
 */
export * from './categories.ts';
export * from './fhir.ts';
export * from './hlc.ts';
export * from './entry.ts';
export * from './own-entries.ts';
export * from './describe.ts';
export * from './views/index.ts';
export * from './export/index.ts';
export * from './import/index.ts';
export * from './categorise/index.ts';
