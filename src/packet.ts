import { createHash } from 'node:crypto';
import { checkHardStops } from './clinical/hardStops.js';
import { composeDocument, type ComposedDocument } from './document/compose.js';
import { sharedMetrics } from './fonts/fontkitMetrics.js';
import { blankPage } from './layout/blankPage.js';
import type { Page, Paper } from './layout/types.js';
import { patientFullName } from './model/parseVisit.js';
import { paint } from './pdf/paint.js';
import type { OutlineEntry } from './pdf/outline.js';
import { composedInfo, documentSubject, prepareVisit, setKeywords, sha256Hex, type DocumentInfo, type PreparedVisit, type RenderOptions } from './render.js';
import { careprintTemplates } from './template/registry.js';
import { checkDocs } from './document/docs.js';

export interface PacketOptions extends RenderOptions {
  /** Add a blank page after a document with an odd page count, so the next starts on a front side. */
  readonly duplex?: boolean;
}

/** A document inside a packet: where it starts, how long it is. */
export type PacketDocumentInfo = Omit<DocumentInfo, 'sha256'> & { readonly firstPage: number };

export interface PacketInfo {
  readonly packetId: string;
  /** "Consent packet" in the packet's language. */
  readonly title: string;
  readonly language: string;
  readonly paper: Paper;
  readonly pages: number;
  readonly duplex: boolean;
  readonly sha256: string;
  readonly documents: readonly PacketDocumentInfo[];
}

export interface RenderedPacket {
  readonly bytes: Uint8Array;
  readonly info: PacketInfo;
}

/**
 * Several documents of one visit as one PDF: each starts on a new page (on a front
 * side with `duplex`), keeps its own page numbers and footer, and has a bookmark.
 * The documents are laid out separately and painted together, so every form field is
 * kept and named `<document>.<role>.<part>`, unique across the packet.
 */
export async function renderPacket(docs: readonly string[], visitInput: unknown, clinicInput?: unknown, options: PacketOptions = {}): Promise<RenderedPacket> {
  checkDocs(docs, (options.templates ?? careprintTemplates()).documentTypes());
  return renderPreparedPacket(docs, prepareVisit(visitInput, clinicInput, options.metrics ?? sharedMetrics(), {}, options.templates), options);
}

/** A packet for a visit already validated by `prepareVisit`. */
export async function renderPreparedPacket(docs: readonly string[], { visit, facts }: PreparedVisit, options: PacketOptions = {}): Promise<RenderedPacket> {
  const templates = options.templates ?? careprintTemplates();
  checkDocs(docs, templates.documentTypes());
  const metrics = options.metrics ?? sharedMetrics();
  const paper = options.paper ?? 'letter';
  checkHardStops(docs, visit);
  const lang = options.lang ?? visit.patient.language;
  const composed: ComposedDocument[] = docs.map((doc) => composeDocument(doc, visit, facts, { lang, paper, metrics, templates }));

  const words = templates.chrome(lang);
  const pages: Page[] = [];
  const outline: OutlineEntry[] = [];
  const documents: PacketDocumentInfo[] = [];
  composed.forEach((doc, i) => {
    outline.push({ title: doc.title, pageIndex: pages.length });
    documents.push({ ...composedInfo(doc), firstPage: pages.length + 1 });
    pages.push(...doc.pages);
    const last = i === composed.length - 1;
    if (options.duplex && !last && pages.length % 2 === 1) pages.push(blankPage(metrics, paper, words.blankPage));
  });

  const ids = composed.map((d) => d.stamp.id);
  const packetId = `CP-PKT-${createHash('sha256').update(ids.join(',')).update(options.duplex ? 'duplex' : 'simplex').digest('hex').slice(0, 12).toUpperCase()}`;
  const bytes = await paint(
    pages,
    {
      title: `${words.packetTitle}: ${patientFullName(visit.patient)}`,
      subject: composed.map(documentSubject).join(', '),
      author: visit.clinic.name,
      keywords: [packetId, ...ids, ...setKeywords(composed)],
      language: templates.pdfLanguage(lang),
      date: new Date(facts.startMs),
    },
    outline,
  );
  return { bytes, info: { packetId, title: words.packetTitle, language: lang, paper, pages: pages.length, duplex: options.duplex ?? false, sha256: sha256Hex(bytes), documents } };
}
