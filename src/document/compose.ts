import { createHash } from 'node:crypto';
import type { ClinicalFacts } from '../clinical/deriveFacts.js';
import { checkElements, elementRules, type ElementRules } from '../clinical/requiredElements.js';
import { CareprintError } from '../errors.js';
import { layout } from '../layout/layout.js';
import type { FontMetrics } from '../layout/metrics.js';
import type { LayoutWarning, Page, Paper } from '../layout/types.js';
import type { Block } from '../markup/blocks.js';
import { markedElements } from '../markup/elements.js';
import { parseMarkup } from '../markup/parseMarkup.js';
import { patientFullName, type Visit } from '../model/parseVisit.js';
import { fill } from '../template/fill.js';
import { formatCalendarDate } from '../template/formatTime.js';
import { careprintTemplates, type TemplateRegistry, type TemplateSetRef } from '../template/registry.js';
import { declaredElements, type TemplateMeta } from '../template/templateMeta.js';
import { buildView, type DocumentStamp } from '../template/view.js';

/** One document laid out and ready to paint, alone or as part of a packet. */
export interface ComposedDocument {
  readonly documentType: string;
  readonly stamp: DocumentStamp;
  /** The clinic's template set the document's wording came from, if any. */
  readonly set: TemplateSetRef | undefined;
  /** The document's title in its language. */
  readonly title: string;
  readonly language: string;
  readonly paper: Paper;
  readonly pages: readonly Page[];
  readonly warnings: readonly LayoutWarning[];
  /** What each page holds, as slice labels (see `LayoutResult.contents`). */
  readonly contents: readonly (readonly string[])[];
  /** The required elements the document carries, in order. */
  readonly elements: readonly string[];
  /** The markup the template filled, before layout (the linter reads its prose). */
  readonly blocks: readonly Block[];
}

export interface ComposeOptions {
  /** careprint's language, or one the template set adds. */
  readonly lang: string;
  readonly paper: Paper;
  readonly metrics: FontMetrics;
  /** careprint's own templates by default; a clinic's set loaded with `loadTemplateSet`. */
  readonly templates?: TemplateRegistry;
}

const typeCodes: Record<string, string> = { discharge: 'DIS', consent: 'CON', 'side-effects': 'SFX', fasting: 'FST' };

/**
 * A document id that depends only on what the document says: template and version,
 * language, paper and the validated visit. Re-rendering the same visit years later
 * gives the same id (and the same bytes).
 */
function documentId(documentType: string, version: string, lang: string, paper: Paper, visit: Visit, setSha256: string | undefined): string {
  // The set's hash counts only when there is one, so careprint's own documents keep their ids.
  const digest = createHash('sha256').update(JSON.stringify({ documentType, version, lang, paper, visit, ...(setSha256 ? { set: setSha256 } : {}) })).digest('hex');
  return `CP-${typeCodes[documentType] ?? 'DOC'}-${digest.slice(0, 12).toUpperCase()}`;
}

/**
 * Template, markup and layout for one document of a validated visit. The template must
 * cover the visit's route and carry every element the document requires.
 */
export function composeDocument(documentType: string, visit: Visit, facts: ClinicalFacts, options: ComposeOptions): ComposedDocument {
  const { lang, paper, metrics } = options;
  const registry = options.templates ?? careprintTemplates();
  const template = registry.template(documentType, lang);
  const { meta } = template;
  const set = registry.document(documentType).fromSet ? registry.set : undefined;
  if (!meta.routes.includes(visit.session.route)) {
    throw CareprintError.of('template_missing', 'session.route', `the ${documentType} document does not cover the route "${visit.session.route}"; it covers ${meta.routes.join(', ')}`);
  }
  const stamp: DocumentStamp = { id: documentId(documentType, meta.version, lang, paper, visit, set?.sha256), templateId: registry.stampId(documentType), version: meta.version, effectiveDate: meta.effectiveDate };
  const wordsLang = registry.wordsLanguage(lang);
  const view = buildView(visit, facts, wordsLang, stamp, { lang, patientLanguageName: registry.addedLanguageName(visit.patient.language, lang) });
  const blocks = parseMarkup(fill(template, view), template.source);
  const marked = markedElements(blocks);
  checkElements(template.source, marked, documentRules(documentType, visit, meta, lang));

  const words = registry.chrome(lang);
  const { patient } = visit;
  // The set's hash in every footer: a signed paper names the exact approved wording it carried.
  const setStamp = set ? ` · ${set.sha256.slice(0, 12)}` : '';
  const result = layout(blocks, metrics, {
    paper,
    fieldPrefix: documentType,
    chrome: {
      headerLeft: visit.clinic.name,
      headerRight: `${patientFullName(patient)} · ${words.born} ${formatCalendarDate(patient.birthDate, wordsLang)} · ${words.record} ${patient.mrn}`,
      footerLeft: `${stamp.templateId} v${meta.version}${setStamp} · ${words.effective} ${meta.effectiveDate} · ${words.document} ${stamp.id}`,
      pageLabel: words.pageLabel,
    },
    labels: { signature: words.signature, date: words.date, time: words.time, printedName: words.printedName, initials: words.initials },
  });
  return {
    documentType,
    stamp,
    set,
    title: meta.title[lang] ?? meta.id,
    language: lang,
    paper,
    pages: result.pages,
    warnings: result.warnings,
    contents: result.contents,
    elements: marked.map((m) => m.element),
    blocks,
  };
}

/** careprint's clinical rules for the document, with what its template.json adds; a set can add elements, never drop one. */
function documentRules(documentType: string, visit: Visit, meta: TemplateMeta, lang: string): ElementRules {
  const rules = elementRules(documentType, visit, lang);
  const declared = declaredElements(meta).filter((e) => !rules.required.includes(e) && !rules.forbidden.includes(e));
  return { required: [...rules.required, ...declared], forbidden: rules.forbidden };
}
