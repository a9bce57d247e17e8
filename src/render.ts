import { createHash } from 'node:crypto';
import { deriveFacts } from './clinical/deriveFacts.js';
import { checkHardStops } from './clinical/hardStops.js';
import { CareprintError } from './errors.js';
import { unprintableFields } from './fonts/coverage.js';
import { sharedMetrics } from './fonts/fontkitMetrics.js';
import { layout } from './layout/layout.js';
import type { FontMetrics } from './layout/metrics.js';
import type { LayoutWarning, Paper } from './layout/types.js';
import { parseMarkup } from './markup/parseMarkup.js';
import { parseVisit, patientFullName, type Visit } from './model/parseVisit.js';
import type { Language } from './model/schemas.js';
import { paint } from './pdf/paint.js';
import { chromeText } from './template/chromeText.js';
import { fill } from './template/fill.js';
import { formatCalendarDate } from './template/formatTime.js';
import { loadTemplate } from './template/registry.js';
import { buildView, type DocumentStamp } from './template/view.js';

export interface RenderOptions {
  /** Overrides `patient.language`. */
  readonly lang?: Language;
  readonly paper?: Paper;
  /** Fonts; the embedded ones by default. */
  readonly metrics?: FontMetrics;
}

export interface DocumentInfo {
  readonly documentId: string;
  readonly documentType: string;
  readonly templateId: string;
  readonly templateVersion: string;
  readonly effectiveDate: string;
  readonly language: Language;
  readonly paper: Paper;
  readonly pages: number;
  readonly sha256: string;
  readonly warnings: readonly LayoutWarning[];
}

export interface RenderedDocument {
  readonly bytes: Uint8Array;
  readonly info: DocumentInfo;
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

/** Validates a visit (and clinic) and renders one document: the whole pipeline. */
export async function renderDocument(documentType: string, visitInput: unknown, clinicInput?: unknown, options: RenderOptions = {}): Promise<RenderedDocument> {
  const metrics = options.metrics ?? sharedMetrics();
  const paper = options.paper ?? 'letter';
  const visit = parseVisit(visitInput, clinicInput);
  const unprintable = [...unprintableFields({ patient: visit.patient, session: visit.session, escort: visit.escort }, metrics), ...unprintableFields(visit.clinic, metrics, 'clinic')];
  if (unprintable.length > 0) throw new CareprintError(unprintable);
  checkHardStops(documentType, visit);

  const lang = options.lang ?? visit.patient.language;
  const template = loadTemplate(documentType, lang);
  const { meta } = template;
  const stamp: DocumentStamp = { id: documentId(documentType, meta.version, lang, paper, visit), templateId: meta.id, version: meta.version, effectiveDate: meta.effectiveDate };
  const facts = deriveFacts(visit);
  const markup = fill(template, buildView(visit, facts, lang, stamp));
  const blocks = parseMarkup(markup, template.source);

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
  const title = meta.title[lang] ?? meta.id;
  const bytes = await paint(result.pages, {
    title: `${title} — ${patientFullName(patient)}`,
    subject: `${meta.id}@${meta.version}`,
    author: visit.clinic.name,
    keywords: [stamp.id],
    language: lang === 'es' ? 'es-US' : 'en-US',
    date: new Date(facts.startMs),
  });
  return {
    bytes,
    info: {
      documentId: stamp.id,
      documentType,
      templateId: meta.id,
      templateVersion: meta.version,
      effectiveDate: meta.effectiveDate,
      language: lang,
      paper,
      pages: result.pages.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      warnings: result.warnings,
    },
  };
}
