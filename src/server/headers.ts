/**
 * The headers the service answers with, beyond HTTP's own: their names, which the
 * routes set, and their descriptions, which the OpenAPI document gives. One list, so
 * the description cannot leave out a header the service sends.
 */
export interface ResponseHeader {
  readonly name: string;
  readonly description: string;
  readonly schema: Readonly<Record<string, unknown>>;
}

const header = (name: string, description: string, schema: Readonly<Record<string, unknown>> = { type: 'string' }): ResponseHeader => ({ name, description, schema });

export const responseHeaders = {
  requestId: header('x-request-id', "This request's id, which its log line and a problem's `instance` carry", { type: 'string', format: 'uuid' }),
  /** Not patient data, so the request log carries it. */
  documentId: header('x-careprint-document-id', 'The id printed on the document, or the packet id for a packet'),
  documents: header('x-careprint-documents', "The ids printed on the documents, comma-separated, in the file's order"),
  template: header('x-careprint-template', 'The template of each document as id@version, comma-separated'),
  sha256: header('x-careprint-sha256', "The file's SHA-256, in hex", { type: 'string', pattern: '^[0-9a-f]{64}$' }),
  pages: header('x-careprint-pages', 'Pages in the file', { type: 'integer', minimum: 1 }),
  contentTypeOptions: header('x-content-type-options', '`nosniff`: the body is only ever what Content-Type says', { type: 'string', enum: ['nosniff'] }),
  retryAfter: header('retry-after', 'Seconds to wait before trying again', { type: 'integer', minimum: 1 }),
} as const;

/** The headers that come with a PDF from the JSON API. */
export const pdfHeaders: readonly ResponseHeader[] = [responseHeaders.contentTypeOptions, responseHeaders.documentId, responseHeaders.documents, responseHeaders.template, responseHeaders.sha256, responseHeaders.pages];
