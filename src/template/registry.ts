import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { CareprintError, type Problem } from '../errors.js';
import { languages, type Language } from '../model/vocabulary.js';
import { chromeText, type ChromeText } from './chromeText.js';
import { contentHashOf } from './contentHash.js';
import { templatesDir } from './documentTypes.js';
import type { AddedLanguage, SetManifest } from './set/manifest.js';
import { readLayer, type Layer, type LayerDocument, type SourceFile } from './set/readLayer.js';
import type { TemplateMeta } from './templateMeta.js';

export { templatesDir } from './documentTypes.js';
export { templateMetaSchema, type TemplateMeta } from './templateMeta.js';

export interface CompiledTemplate {
  readonly meta: TemplateMeta;
  readonly language: string;
  /** `templates/discharge/en.hbs`, for error messages. */
  readonly source: string;
  readonly render: (view: object) => string;
}

/** One document as the layers resolve it: the top layer's template.json, each language from the top layer that has it. */
export interface ResolvedDocument {
  readonly meta: TemplateMeta;
  readonly metaFile: SourceFile;
  readonly templates: ReadonlyMap<string, SourceFile>;
  /** The document's template.json comes from the clinic's set. */
  readonly fromSet: boolean;
  /** The hash of the top layer's templates and partials, as `templates --lock` records it. */
  readonly contentSha256: string;
}

/** The set a registry was loaded with, as a render reports it and a worker checks it. */
export interface TemplateSetRef {
  /** The set's directory, absolute. */
  readonly dir: string;
  readonly id: string;
  /** sha256 of every file the set resolves to (templates, partials, template.json, templateset.json). */
  readonly sha256: string;
}

function documentFrom(layerDoc: LayerDocument, below: ResolvedDocument | undefined, partials: ReadonlyMap<string, SourceFile>, fromSet: boolean): ResolvedDocument {
  const templates = new Map(below?.templates ?? []);
  for (const [lang, file] of layerDoc.templates) templates.set(lang, file);
  const own = [...layerDoc.templates].map(([lang, file]) => ({ name: `${lang}.hbs`, text: file.text }));
  const contentSha256 = contentHashOf(nameOf(layerDoc), own, [...partials].map(([name, file]) => ({ name: `${name}.hbs`, text: file.text })));
  // A title the set does not give (a language it leaves to careprint) is careprint's.
  const meta: TemplateMeta = below ? { ...layerDoc.meta, title: { ...below.meta.title, ...layerDoc.meta.title } } : layerDoc.meta;
  return { meta, metaFile: layerDoc.metaFile, templates, fromSet, contentSha256 };
}

/** The document directory's name, from its template.json path. */
function nameOf(doc: LayerDocument): string {
  const parts = doc.metaFile.path.split('/');
  return parts[parts.length - 2] ?? '';
}

/**
 * The templates a render uses: careprint's own, or a clinic's set layered over them,
 * read and compiled once and never changed. A set overrides careprint document by
 * document, language by language and partial by partial, and may add languages and
 * document types. Load a set with `loadTemplateSet` (src/template/set/loadSet.ts),
 * which lints it first: nothing reaches a render that the linter would refuse.
 */
export class TemplateRegistry {
  readonly documents: ReadonlyMap<string, ResolvedDocument>;
  readonly partials: ReadonlyMap<string, SourceFile>;
  /** The clinic's set, or undefined for careprint's own templates. */
  readonly set: TemplateSetRef | undefined;
  readonly manifest: SetManifest | undefined;
  private readonly hb: typeof Handlebars;
  private readonly compiled = new Map<string, CompiledTemplate>();

  private constructor(base: Layer, top: { layer: Layer; dir: string } | undefined) {
    const partials = new Map(base.partials);
    const documents = new Map<string, ResolvedDocument>();
    for (const [name, doc] of base.documents) documents.set(name, documentFrom(doc, undefined, base.partials, false));
    if (top) {
      for (const [name, file] of top.layer.partials) partials.set(name, file);
      for (const [name, doc] of top.layer.documents) documents.set(name, documentFrom(doc, documents.get(name), top.layer.partials, true));
    }
    this.documents = new Map([...documents].sort(([a], [b]) => a.localeCompare(b)));
    this.partials = partials;
    this.manifest = top?.layer.manifest;
    this.set = top && this.manifest ? { dir: top.dir, id: this.manifest.id, sha256: this.hashFiles(top.layer) } : undefined;
    this.hb = Handlebars.create();
    for (const [name, file] of partials) this.hb.registerPartial(name, file.text);
  }

  /** careprint's own templates, read from `templates/`. */
  static careprint(): TemplateRegistry {
    const { layer, problems } = readLayer(fileURLToPath(templatesDir), 'templates', false);
    if (problems.length > 0) throw new CareprintError(problems);
    return new TemplateRegistry(layer, undefined);
  }

  /** careprint's templates with a set read from `dir` over them, not yet linted: use `loadTemplateSet`. */
  static layered(dir: string, label: string): { registry: TemplateRegistry; problems: Problem[] } {
    const { layer: baseLayer } = readLayer(fileURLToPath(templatesDir), 'templates', false);
    const { layer, problems } = readLayer(dir, label, true);
    return { registry: new TemplateRegistry(baseLayer, { layer, dir }), problems };
  }

  /** A hash of every file a render can read, in a fixed order under names relative to the set. */
  private hashFiles(top: Layer): string {
    const hash = createHash('sha256');
    const entry = (name: string, text: string) => hash.update(`${name}\n${text.length}\n`).update(text).update('\n');
    if (top.manifestFile) entry('templateset.json', top.manifestFile.text);
    for (const [name, file] of [...this.partials].sort(([a], [b]) => a.localeCompare(b))) entry(`partials/${name}.hbs`, file.text);
    for (const [doc, resolved] of this.documents) {
      entry(`${doc}/template.json`, resolved.metaFile.text);
      for (const [lang, file] of [...resolved.templates].sort(([a], [b]) => a.localeCompare(b))) entry(`${doc}/${lang}.hbs`, file.text);
    }
    return hash.digest('hex');
  }

  documentTypes(): string[] {
    return [...this.documents.keys()];
  }

  /** Every language a document may be printed in: careprint's and those the set adds. */
  languages(): string[] {
    return [...languages, ...Object.keys(this.manifest?.addedLanguages ?? {})];
  }

  /** The languages the set answers for (each with every document); careprint's own otherwise. */
  declaredLanguages(): string[] {
    return this.manifest ? [...this.manifest.languages] : [...languages];
  }

  addedLanguage(lang: string): AddedLanguage | undefined {
    return this.manifest?.addedLanguages[lang];
  }

  /** The careprint language in which the view words times, dates and durations for `lang`. */
  wordsLanguage(lang: string): Language {
    if ((languages as readonly string[]).includes(lang)) return lang as Language;
    return this.addedLanguage(lang)?.wordsFrom ?? 'en';
  }

  chrome(lang: string): ChromeText {
    return this.addedLanguage(lang)?.chrome ?? chromeText[this.wordsLanguage(lang)];
  }

  /** The PDF's language tag. */
  pdfLanguage(lang: string): string {
    return this.addedLanguage(lang)?.pdfLanguage ?? (lang === 'es' ? 'es-US' : 'en-US');
  }

  /** A language added by the set, named in `inLang`, when the set names it; else undefined. */
  addedLanguageName(lang: string, inLang: string): string | undefined {
    return this.addedLanguage(lang)?.names[inLang];
  }

  /** The id a document is stamped with: "consent", or "harbor-light/consent" from a clinic's set. */
  stampId(documentType: string): string {
    const doc = this.document(documentType);
    return this.set && doc.fromSet ? `${this.set.id}/${doc.meta.id}` : doc.meta.id;
  }

  document(documentType: string): ResolvedDocument {
    const doc = this.documents.get(documentType);
    if (!doc) throw CareprintError.of('template_missing', 'document', `unknown document type "${documentType}"; known: ${this.documentTypes().join(', ')}`);
    return doc;
  }

  meta(documentType: string): TemplateMeta {
    return this.document(documentType).meta;
  }

  /** Languages a document has templates (and a title) for. */
  languagesOf(documentType: string): string[] {
    const doc = this.document(documentType);
    return [...doc.templates.keys()].filter((lang) => doc.meta.title[lang] !== undefined).sort();
  }

  /** The compiled template for a document and language; a missing language is an error, never English instead. */
  template(documentType: string, language: string): CompiledTemplate {
    const key = `${documentType}/${language}`;
    const hit = this.compiled.get(key);
    if (hit) return hit;
    const doc = this.document(documentType);
    const file = doc.templates.get(language);
    if (!file || !doc.meta.title[language]) {
      const source = file?.path ?? `${documentType}/${language}.hbs`;
      throw CareprintError.of('template_missing', source, `the ${documentType} document has no ${language} template`, { hint: 'choose another language with --lang' });
    }
    const render = this.hb.compile(file.text, { strict: true, noEscape: false });
    const template: CompiledTemplate = { meta: doc.meta, language, source: file.path, render };
    this.compiled.set(key, template);
    return template;
  }
}

let careprint: TemplateRegistry | undefined;
/** careprint's own templates, read once per process. */
export function careprintTemplates(): TemplateRegistry {
  careprint ??= TemplateRegistry.careprint();
  return careprint;
}

export function documentTypes(): string[] {
  return careprintTemplates().documentTypes();
}

export function templateMeta(documentType: string): TemplateMeta {
  return careprintTemplates().meta(documentType);
}

/** Languages a document has templates for, among careprint's own. */
export function templateLanguages(documentType: string): Language[] {
  return careprintTemplates().languagesOf(documentType).filter((l): l is Language => (languages as readonly string[]).includes(l));
}

export function loadTemplate(documentType: string, language: Language): CompiledTemplate {
  return careprintTemplates().template(documentType, language);
}
