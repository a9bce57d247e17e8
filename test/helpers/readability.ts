/**
 * The readability measures the tests hold careprint's wording to: the same functions the
 * template-set linter holds a clinic's wording to (src/templateSet/readability.ts).
 */
export { fleschKincaidGrade, inflesz, spanishSyllables } from '../../src/templateSet/readability.js';
