import { createHash } from 'node:crypto';
import type { ClinicalFacts } from '../clinical/deriveFacts.js';
import { checkElements, elementRules } from '../clinical/requiredElements.js';
import { CareprintError } from '../errors.js';
import { layout } from '../layout/layout.js';
import type { FontMetrics } from '../layout/metrics.js';
import type { LayoutWarning, Page, Paper } from '../layout/types.js';
import { markedElements } from '../markup/elements.js';
import { parseMarkup } from '../markup/parseMarkup.js';
import { patientFullName, type Visit } from '../model/parseVisit.js';
import type { Language } from '../model/schemas.js';
import { chromeText } from '../template/chromeText.js';
import { fill } from '../template/fill.js';
import { formatCalendarDate } from '../template/formatTime.js';
import { loadTemplate } from '../template/registry.js';
import { buildView, type DocumentStamp } from '../template/view.js';

/** One document laid out and ready to paint, alone or as part of a packet. */
export interface ComposedDocument {
  readonly documentType: string;
  readonly stamp: DocumentStamp;
  /** The document's title in its language. */
  readonly title: string;
  readonly language: Language;
  readonly paper: Paper;
  readonly pages: readonly Page[];
  readonly warnings: readonly LayoutWarning[];
  /** What each page holds, as slice labels (see `LayoutResult.contents`). */
  readonly contents: readonly (readonly string[])[];
  /** The required elements the document carries, in order. */
  readonly elements: readonly string[];
}

export interface ComposeOptions {
  readonly lang: Language;
  readonly paper: Paper;
  readonly metrics: FontMetrics;
}

const typeCodes: Record<string, string> = { discharge: 'DIS', consent: 'CON', 'side-effects': 'SFX', fasting: 'FST' };

/**
 * A document id that depends only on what the document says: template and version,
 * language, paper and the validated visit. Re-rendering the same visit years later
 * gives the same id (and the same bytes).
 */
function documentId(documentType: string, version: string, lang: Language, paper: Paper, visit: Visit): string {
  const digest = createHash('sha256').update(JSON.stringify({ documentType, version, lang, paper, visit })).digest('hex');
  return `CP-${typeCodes[documentType] ?? 'DOC'}-${digest.slice(0, 12).toUpperCase()}`;
}

/**
 * Template, markup and layout for one document of a validated visit. The template must
 * cover the visit's route and carry every element the document requires.
 */
export function composeDocument(documentType: string, visit: Visit, facts: ClinicalFacts, options: ComposeOptions): ComposedDocument {
  const { lang, paper, metrics } = options;
  const template = loadTemplate(documentType, lang);
  const { meta } = template;
  if (!meta.routes.includes(visit.session.route)) {
    throw CareprintError.of('template_missing', 'session.route', `the ${documentType} document does not cover the route "${visit.session.route}"; it covers ${meta.routes.join(', ')}`);
  }
  const stamp: DocumentStamp = { id: documentId(documentType, meta.version, lang, paper, visit), templateId: meta.id, version: meta.version, effectiveDate: meta.effectiveDate };
  const blocks = parseMarkup(fill(template, buildView(visit, facts, lang, stamp)), template.source);
  const marked = markedElements(blocks);
  checkElements(template.source, marked, elementRules(documentType, visit, lang));

  const words = chromeText[lang];
  const { patient } = visit;
  const result = layout(blocks, metrics, {
    paper,
    fieldPrefix: documentType,
    chrome: {
      headerLeft: visit.clinic.name,
      headerRight: `${patientFullName(patient)} · ${words.born} ${formatCalendarDate(patient.birthDate, lang)} · ${words.record} ${patient.mrn}`,
      footerLeft: `${meta.id} v${meta.version} · ${words.effective} ${meta.effectiveDate} · ${words.document} ${stamp.id}`,
      pageLabel: words.pageLabel,
    },
    labels: { signature: words.signature, date: words.date, time: words.time, printedName: words.printedName, initials: words.initials },
  });
  return {
    documentType,
    stamp,
    title: meta.title[lang] ?? meta.id,
    language: lang,
    paper,
    pages: result.pages,
    warnings: result.warnings,
    contents: result.contents,
    elements: marked.map((m) => m.element),
  };
}
