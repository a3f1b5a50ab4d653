/** Copies the placeholder page into build/ until the SvelteKit app lands. */
import { cpSync, mkdirSync } from 'node:fs';

mkdirSync(new URL('./build/', import.meta.url), { recursive: true });
cpSync(new URL('./placeholder/', import.meta.url), new URL('./build/', import.meta.url), { recursive: true });
console.log('web/build: placeholder page written');
