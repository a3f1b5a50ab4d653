/**
 * Categorising resources (DESIGN §3): by resource type, and into the special categories by
 * their codes. The code lists are documented in docs/categories.md.
 */
export { categorise, specialCategoryMatches, type SpecialMatch } from './categorise.ts';
export { specialCategoryOfCoding } from './match.ts';
export {
  GENETICS,
  MENTAL_HEALTH,
  SAFEGUARDING,
  SEXUAL_HEALTH,
  SPECIAL_CODE_LISTS,
  type CodeRange,
  type ListedCode,
  type SpecialCategory,
  type SpecialCodeList,
} from './code-lists.ts';
