import type { FastifyInstance } from 'fastify';
import { pageFiles } from '../pageFiles.js';

/** Same-origin only; the preview is a blob: URL of the PDF the page fetched. */
const contentSecurityPolicy = "default-src 'self'; connect-src 'self' blob:; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; frame-src blob:; object-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The front-desk page: three static files, read once at start. */
export function registerPageRoutes(app: FastifyInstance): void {
  for (const [path, file] of Object.entries(pageFiles())) {
    app.get(path, async (_request, reply) =>
      reply.type(file.type).header('content-security-policy', contentSecurityPolicy).header('x-content-type-options', 'nosniff').header('cache-control', 'no-cache').send(file.body),
    );
  }
}
