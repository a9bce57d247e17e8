import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { templateContentHash } from '../../src/template/contentHash.js';
import { documentTypes, templateMeta, templatesDir } from '../../src/template/registry.js';

describe('template versions', () => {
  it.each(documentTypes())('%s: the text matches the version it was locked at', (type) => {
    const meta = templateMeta(type);
    expect(meta.version, `templates/${type}: the version was raised; run "npx careprint templates --lock"`).toBe(meta.content.version);
    expect(templateContentHash(type), `templates/${type} changed without a new version: raise "version" and "effectiveDate" in template.json, then run "npx careprint templates --lock"`).toBe(meta.content.sha256);
  });

  it('changes when a shared partial or a language template changes', () => {
    const copy = mkdtempSync(join(tmpdir(), 'careprint-templates-'));
    cpSync(fileURLToPath(templatesDir), copy, { recursive: true });
    const root = pathToFileURL(`${copy}/`);
    const before = templateContentHash('discharge', root);
    expect(before).toBe(templateContentHash('discharge'));
    appendFileSync(join(copy, 'partials/signature-block.hbs'), ' ');
    const afterPartial = templateContentHash('discharge', root);
    expect(afterPartial).not.toBe(before);
    appendFileSync(join(copy, 'discharge/es.hbs'), ' ');
    expect(templateContentHash('discharge', root)).not.toBe(afterPartial);
  });
});
