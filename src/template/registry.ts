import { existsSync, readdirSync, readFileSync } from 'node:fs';
import Handlebars from 'handlebars';
import { z } from 'zod';
import { CareprintError } from '../errors.js';
import { languages, routes, type Language } from '../model/vocabulary.js';
import { documentTypes, templatesDir } from './documentTypes.js';

export { documentTypes, templatesDir } from './documentTypes.js';

const templateMetaSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'expected a semantic version such as 1.2.0'),
  effectiveDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  title: z.partialRecord(z.enum(languages), z.string().min(1)),
  /** The routes the text covers; a visit by another route is an error, never the wrong text. */
  routes: z.array(z.enum(routes)).min(1),
  /** The content hash and the version it was recorded for (`careprint templates --lock`). */
  content: z.strictObject({ version: z.string(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
});
export type TemplateMeta = z.output<typeof templateMetaSchema>;

export interface CompiledTemplate {
  readonly meta: TemplateMeta;
  readonly language: Language;
  /** `templates/discharge/en.hbs`, for error messages. */
  readonly source: string;
  readonly render: (view: object) => string;
}

let env: typeof Handlebars | undefined;
/** One Handlebars environment with the shared partials, created once per process. */
function handlebarsEnv(): typeof Handlebars {
  if (env) return env;
  const hb = Handlebars.create();
  const partialsDir = new URL('partials/', templatesDir);
  for (const file of readdirSync(partialsDir).sort()) {
    if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -4), readFileSync(new URL(file, partialsDir), 'utf8'));
  }
  env = hb;
  return hb;
}

export function templateMeta(documentType: string): TemplateMeta {
  if (!documentTypes().includes(documentType)) {
    throw CareprintError.of('template_missing', 'document', `unknown document type "${documentType}"; known: ${documentTypes().join(', ')}`);
  }
  const file = new URL(`${documentType}/template.json`, templatesDir);
  const parsed = templateMetaSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw CareprintError.of('template_missing', `templates/${documentType}/template.json`, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return parsed.data;
}

const compiled = new Map<string, CompiledTemplate>();

/** Languages a document has templates for. */
export function templateLanguages(documentType: string): Language[] {
  return languages.filter((lang) => existsSync(new URL(`${documentType}/${lang}.hbs`, templatesDir)));
}

/** The compiled template for a document and language; a missing language is an error, never English instead. */
export function loadTemplate(documentType: string, language: Language): CompiledTemplate {
  const key = `${documentType}/${language}`;
  const hit = compiled.get(key);
  if (hit) return hit;
  const meta = templateMeta(documentType);
  const source = `templates/${documentType}/${language}.hbs`;
  const file = new URL(`${documentType}/${language}.hbs`, templatesDir);
  if (!existsSync(file) || !meta.title[language]) {
    throw CareprintError.of('template_missing', source, `the ${documentType} document has no ${language} template`, { hint: 'choose another language with --lang' });
  }
  const render = handlebarsEnv().compile(readFileSync(file, 'utf8'), { strict: true, noEscape: false });
  const template: CompiledTemplate = { meta, language, source, render };
  compiled.set(key, template);
  return template;
}
