/**
 * Scripts careprint cannot yet lay out correctly. The layout places one glyph after
 * another, left to right, each in its isolated form: a name written right to left
 * ("כהן") would print in visual reverse ("ןהכ"), Arabic letters unjoined, and the
 * Indic and South-East Asian scripts without the reordering and stacking of their
 * marks. The fonts have glyphs for some of them (Arabic, Hebrew, Lao, N'Ko), so the
 * fonts' coverage check alone would let such text through, printed wrong. Until the
 * text is shaped and ordered, a field in one of these scripts is refused.
 *
 * Shaping work shrinks this list: remove a script here once it prints correctly.
 */

/** Right-to-left scripts: printed left to right they read backwards. */
const rightToLeft = [
  'Arabic', 'Hebrew', 'Syriac', 'Thaana', 'Nko', 'Samaritan', 'Mandaic', 'Adlam', 'Hanifi_Rohingya', 'Yezidi',
  'Mende_Kikakui', 'Old_South_Arabian', 'Old_North_Arabian', 'Avestan', 'Imperial_Aramaic', 'Inscriptional_Pahlavi',
  'Inscriptional_Parthian', 'Psalter_Pahlavi', 'Manichaean', 'Nabataean', 'Palmyrene', 'Hatran', 'Phoenician', 'Lydian',
  'Kharoshthi', 'Cypriot', 'Old_Hungarian', 'Old_Sogdian', 'Sogdian', 'Old_Uyghur', 'Elymaic', 'Chorasmian',
  'Meroitic_Cursive', 'Meroitic_Hieroglyphs', 'Garay',
] as const;

/** Scripts whose letters join, reorder or stack: they need a shaping engine. */
const needShaping = [
  'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala',
  'Thai', 'Lao', 'Tibetan', 'Myanmar', 'Khmer', 'Mongolian', 'Tai_Tham', 'Balinese', 'Javanese', 'Sundanese', 'Batak',
  'Buginese', 'Makasar', 'Lepcha', 'Limbu', 'Chakma', 'Sharada', 'Siddham', 'Grantha', 'Tirhuta', 'Takri', 'Kaithi',
  'Brahmi', 'Khojki', 'Khudawadi', 'Mahajani', 'Modi', 'Dogra', 'Nandinagari', 'Newa', 'Meetei_Mayek', 'Syloti_Nagri',
  'New_Tai_Lue', 'Tai_Viet', 'Tai_Le', 'Cham', 'Kayah_Li', 'Rejang', 'Saurashtra', 'Ahom', 'Masaram_Gondi',
  'Gunjala_Gondi', 'Zanabazar_Square', 'Soyombo', 'Bhaiksuki', 'Marchen', 'Tagalog', 'Hanunoo', 'Buhid', 'Tagbanwa',
  'Phags_Pa', 'Dives_Akuru', 'Kawi', 'Tulu_Tigalari',
] as const;

/** Scripts whose text is refused for now, by their Unicode Script property value. */
export const unshapedScripts: readonly string[] = [...rightToLeft, ...needShaping];

/** Whether this JavaScript engine knows the script (a newer one's characters are unassigned here, and no font has them). */
function knownScript(script: string): boolean {
  try {
    new RegExp(`\\p{Script=${script}}\\p{Script_Extensions=${script}}`, 'u');
    return true;
  } catch {
    return false;
  }
}

/** Characters careprint prints that other scripts share (Vedic accents are used in Latin transliteration too). */
const printedScripts = '\\p{Script_Extensions=Latin}\\p{Script_Extensions=Greek}\\p{Script_Extensions=Cyrillic}';

/**
 * Any character of `scripts`: a character of the script itself, or one of no script of
 * its own (a mark or a sign shared between scripts, such as an Arabic vowel sign or the
 * Devanagari danda) that its Script_Extensions give to one of them and not to a script
 * careprint prints. Two character classes, so a test is one pass.
 */
function scriptsPattern(scripts: readonly string[]): RegExp {
  const known = scripts.filter(knownScript);
  const own = known.map((script) => `\\p{Script=${script}}`).join('');
  const shared = known.map((script) => `\\p{Script_Extensions=${script}}`).join('');
  return new RegExp(`[${own}]|(?![${printedScripts}])[${shared}]`, 'u');
}

/** The listed scripts this engine's Unicode tables do not have, only ever the newest (a test keeps a misspelt name out). */
export const scriptsThisEngineLacks: readonly string[] = unshapedScripts.filter((script) => !knownScript(script));

const patterns = unshapedScripts.filter(knownScript).map((script) => ({ script, pattern: scriptsPattern([script]) }));

/** Any character of any of them, in one pass. */
const anyUnshaped = scriptsPattern(unshapedScripts);

/** Text in the scripts careprint prints (most often plain ASCII, Latin, Greek, Cyrillic) needs no closer look. */
const plainText = /^[\u0020-\u052f\u1e00-\u1fff\u2000-\u203f]*$/;

/** The script's name as a person reads it: "Arabic", "Hanifi Rohingya", "N'Ko". */
function scriptName(script: string): string {
  return script === 'Nko' ? "N'Ko" : script.replace(/_/g, ' ');
}

/**
 * The name of the first script in `text` that careprint cannot yet print correctly
 * ("Arabic", "Devanagari"), or undefined when there is none.
 */
export function unshapedScriptIn(text: string): string | undefined {
  if (plainText.test(text)) return undefined;
  const match = anyUnshaped.exec(text);
  if (!match) return undefined;
  const found = patterns.find((p) => p.pattern.test(match[0]));
  return found ? scriptName(found.script) : undefined;
}

/**
 * Scripts whose spelling uses ZERO WIDTH JOINER and NON-JOINER inside a word (Persian
 * writes a ZWNJ between the parts of some words, Devanagari a ZWJ for a half form):
 * there, and only there, they are part of the text. Kept apart from the list above,
 * which shrinks as scripts learn to print.
 */
const joinerScripts = [
  'Arabic', 'Syriac', 'Nko', 'Mandaic', 'Adlam', 'Hanifi_Rohingya', 'Manichaean', 'Psalter_Pahlavi', 'Sogdian',
  'Old_Uyghur', 'Chorasmian', 'Mongolian', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu',
  'Kannada', 'Malayalam', 'Sinhala', 'Tibetan', 'Myanmar', 'Khmer', 'Balinese', 'Javanese', 'Sundanese', 'Chakma',
  'Sharada', 'Siddham', 'Grantha', 'Tirhuta', 'Kaithi', 'Brahmi', 'Newa', 'Modi', 'Takri', 'Dogra', 'Khojki',
] as const;

const joinerScriptLetter = scriptsPattern(joinerScripts);

/** Whether `ch` (one code point) is a letter or mark of a script that spells with ZWJ and ZWNJ. */
export function usesJoiners(ch: string): boolean {
  return /^[\p{L}\p{M}]$/u.test(ch) && joinerScriptLetter.test(ch);
}
