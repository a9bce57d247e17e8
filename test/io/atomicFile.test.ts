import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePrintFile } from '../../src/batch/printFile.js';
import { AtomicFileWriter, removeAbandonedTemps, writeFileAtomic, writeFileAtomicAsync } from '../../src/io/atomicFile.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visit } from '../helpers/fixtures.js';

const temp = () => mkdtempSync(join(tmpdir(), 'careprint-atomic-'));

describe('removeAbandonedTemps', () => {
  it('removes the temporary files of a process that is gone, and keeps those of a running one', () => {
    const dir = temp();
    // Linux never gives a process a number above 2^22.
    const gone = `.a.pdf.${2 ** 22 + 1}-0.tmp`;
    const mine = `.b.pdf.${process.pid}-0.tmp`;
    for (const name of [gone, mine, 'c.pdf', '.careprint-journal.ndjson']) writeFileSync(join(dir, name), 'x');
    removeAbandonedTemps(dir);
    expect(readdirSync(dir).sort()).toEqual([mine, '.careprint-journal.ndjson', 'c.pdf'].sort());
  });
});

describe('AtomicFileWriter', () => {
  it('shows the file only once it is committed, whole', () => {
    const dir = temp();
    const path = join(dir, 'out.bin');
    const file = new AtomicFileWriter(path);
    file.write(new Uint8Array([1, 2, 3]));
    file.write(new Uint8Array([4, 5]));
    expect(file.offset).toBe(5);
    expect(existsSync(path)).toBe(false);
    file.commit();
    expect([...readFileSync(path)]).toEqual([1, 2, 3, 4, 5]);
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('leaves nothing behind when aborted, and keeps an older file as it was', () => {
    const dir = temp();
    const path = join(dir, 'out.bin');
    writeFileSync(path, 'older');
    const file = new AtomicFileWriter(path);
    file.write(new Uint8Array([1, 2, 3]));
    file.abort();
    expect(readFileSync(path, 'utf8')).toBe('older');
    expect(readdirSync(dir)).toEqual(['out.bin']);
  });

  it('never replaces a FIFO by renaming a file over it, in any of its forms', async () => {
    const dir = temp();
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => new AtomicFileWriter(fifo)).toThrow('is a FIFO, not a file; careprint does not replace it');
    expect(() => writeFileAtomic(fifo, new Uint8Array([1]))).toThrow('is a FIFO, not a file; careprint does not replace it');
    await expect(writeFileAtomicAsync(fifo, new Uint8Array([1]))).rejects.toThrow('is a FIFO, not a file; careprint does not replace it');
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir)).toEqual(['pipe']);
  });
});

describe('writePrintFile', () => {
  it('writes no print file, and no partial one, when a document cannot be read', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'good.pdf'), (await renderDocument('discharge', visit('iv'), clinic())).bytes);
    writeFileSync(join(dir, 'bad.pdf'), '%PDF-1.7\nthis is not a document');
    const items = [
      { file: 'good.pdf', title: 'Good' },
      { file: 'bad.pdf', title: 'Bad' },
    ];
    await expect(writePrintFile(join(dir, 'print.pdf'), dir, items, { duplex: false, date: new Date(0), title: 't' })).rejects.toThrow();
    expect(readdirSync(dir).sort()).toEqual(['bad.pdf', 'good.pdf']);
  });
});
