// The English advice texts of zxcvbn-ts, imported on their own (see src/lib/strength.ts).
declare module '@zxcvbn-ts/language-en/dist/translations.mjs' {
  import type { TranslationKeys } from '@zxcvbn-ts/core';
  const translations: TranslationKeys;
  export default translations;
}
