import { CareprintError } from '../errors.js';
import type { Language, PerLanguageText } from '../model/schemas.js';

const languageNames: Record<Language, string> = { en: 'English', es: 'Spanish' };

/**
 * Free text in one language: a plain string is read as English; per-language text
 * gives each language it has. Null when the text is not given in `lang`.
 */
export function freeTextIn(lang: Language, value: PerLanguageText): string | null {
  if (typeof value === 'string') return lang === 'en' ? value : null;
  return value[lang] ?? null;
}

/** Every language version of free text, for recognising a known term in any of them. */
export function freeTextVersions(value: PerLanguageText): string[] {
  return typeof value === 'string' ? [value] : [value.en, value.es].filter((t): t is string => t !== undefined);
}

/**
 * The refusal of a document that would print free text in another language than its
 * own. The text itself goes in `value`, never in the message.
 */
export function untranslatedText(path: string, lang: Language, value: PerLanguageText): CareprintError {
  return CareprintError.of(
    'input_invalid',
    path,
    `is free text careprint cannot translate, and a ${languageNames[lang]} document needs it in ${languageNames[lang]}: give it as {"en": "…", "es": "…"}`,
    { hint: `or use one of the terms careprint words in every language (see the README)`, value: freeTextVersions(value).join(' / ') },
  );
}

/**
 * Sets `key` on `target` as a getter that refuses the document only when a template
 * prints the value: a fasting sheet that never names the escort's relationship is not
 * refused for it.
 */
export function defineRefusing<T extends object>(target: T, key: string, error: CareprintError): T {
  Object.defineProperty(target, key, {
    enumerable: true,
    get() {
      throw error;
    },
  });
  return target;
}
