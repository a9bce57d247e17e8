import { randomUUID } from 'node:crypto';
import { STATUS_CODES, maxHeaderSize } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { responseHeaders } from './headers.js';
import { problemDetails, problemJson, type ProblemKind } from './problemDetails.js';

/** What Node's HTTP parser reports for a request it cannot read, as the service's problem kinds. */
function problemFor(code: string, headerLimit: number): { kind: ProblemKind; detail: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { kind: 'headersTooLarge', detail: `the URL and headers together are over ${headerLimit} bytes` };
    // Node's headersTimeout and requestTimeout both report this.
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { kind: 'requestTimeout', detail: 'the request was not received in full in time' };
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return { kind: 'badRequest', detail: 'Content-Length is not a number, is given twice with different values, or comes with Transfer-Encoding' };
    default:
      return { kind: 'badRequest', detail: 'the request is not valid HTTP/1.1' };
  }
}

/** A socket's response in progress, when Node's server has one (an internal field Node's own handler reads). */
type ServerSocket = Socket & { _httpMessage?: { headersSent?: boolean } | null };

/**
 * Answers a request Node's HTTP parser refused before the service saw it (headers or
 * URL too large, a Content-Length that is not one, bytes that are not HTTP) as every
 * other error is answered: RFC 9457 problem details with a request id, then closes the
 * connection, since the rest of what it carries cannot be read. Logged by status and
 * the parser's code only: the raw bytes can hold anything.
 */
export function clientErrorHandler(log: () => FastifyBaseLogger, headerLimit = maxHeaderSize): (error: Error & { code?: string }, socket: Socket) => void {
  return (error, socket) => {
    const code = error.code ?? '';
    if (code === 'ECONNRESET' || socket.destroyed) return;
    const { kind, detail } = problemFor(code, headerLimit);
    const id = randomUUID();
    const details = problemDetails(kind, detail);
    const body = JSON.stringify({ ...details, instance: `urn:uuid:${id}` });
    log().info({ reqId: id, route: 'unread', status: details.status, code }, 'request');
    // As Node does: answer only when no answer to an earlier request on this connection has started.
    const inFlight = (socket as ServerSocket)._httpMessage;
    if (!socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    // Ended rather than destroyed at once, so the answer is flushed before the connection closes.
    socket.end(
      [
        `HTTP/1.1 ${details.status} ${STATUS_CODES[details.status] ?? ''}`,
        `Content-Type: ${problemJson}; charset=utf-8`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        `${headerName(responseHeaders.requestId.name)}: ${id}`,
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
      () => socket.destroy(),
    );
  };
}

const headerName = (name: string) => name.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
