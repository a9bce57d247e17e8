import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/careprint.js');
const render = ['render', 'discharge', '--input', 'fixtures/visits/iv.json', '--clinic', 'fixtures/clinic.json', '--out'];

interface Finished {
  readonly status: number | null;
  readonly stderr: string;
  /** What arrived on each extra pipe (fd 1, fd 3…) that was read. */
  readonly received: Buffer[];
}

/** Runs careprint with `stdio` as given, reading every pipe in `read` to its end. */
function careprint(args: string[], stdio: ('pipe' | 'ignore')[], read: (streams: (Readable | null)[]) => Readable[]): Promise<Finished> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, stdio, env: { ...process.env, TZ: 'UTC' } });
  const collect = (stream: Readable) => new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', () => resolve(Buffer.concat(chunks)));
    stream.on('close', () => resolve(Buffer.concat(chunks)));
  });
  const received = Promise.all(read(child.stdio as (Readable | null)[]).map(collect));
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve) => {
    child.on('close', (status) => void received.then((r) => resolve({ status, stderr, received: r })));
  });
}

let dir: string;
/** The sheet as written to a regular file: every other output must receive these bytes. */
let expected: Buffer;
beforeAll(() => {
  if (!existsSync(join(root, 'dist/cli/bin.js'))) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'careprint-out-'));
  const file = join(dir, 'sheet.pdf');
  const r = spawnSync(process.execPath, [bin, ...render, file], { cwd: root, env: { ...process.env, TZ: 'UTC' } });
  expect(r.status).toBe(0);
  expected = readFileSync(file);
});

const devFullWritable = (() => {
  try {
    accessSync('/dev/full', constants.W_OK);
    return statSync('/dev/full').isCharacterDevice();
  } catch {
    return false;
  }
})();

describe('--out to what is not a regular file', () => {
  it('writes into a FIFO its reader reads, and leaves the FIFO a FIFO', async () => {
    const fifo = join(dir, 'to-printer');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    reader.stdout.on('data', (c: Buffer) => chunks.push(c));
    const readerDone = new Promise((resolve) => reader.on('close', resolve));
    const r = await careprint([...render, fifo], ['ignore', 'ignore', 'pipe'], () => []);
    await readerDone;
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^wrote .*to-printer: discharge/);
    expect(Buffer.compare(Buffer.concat(chunks), expected)).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it.skipIf(!devFullWritable)('reports a full device (/dev/full: ENOSPC) with exit 1, never "wrote", and leaves the device node (skipped where /dev/full is not a writable device)', async () => {
    const r = await careprint([...render, '/dev/full'], ['ignore', 'ignore', 'pipe'], () => []);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('out: /dev/full: cannot write (ENOSPC)\n');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('refuses a socket, which cannot be opened as a file, with exit 1 and leaves it a socket', async () => {
    const socket = join(dir, 'printer.sock');
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    try {
      const r = await careprint([...render, socket], ['ignore', 'ignore', 'pipe'], () => []);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('printer.sock: cannot be opened for writing (ENXIO');
      expect(r.stderr).not.toContain('wrote');
      expect(lstatSync(socket).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it('writes to /dev/stdout, as other tools do', async () => {
    const r = await careprint([...render, '/dev/stdout'], ['ignore', 'pipe', 'pipe'], (s) => [s[1] as Readable]);
    expect(r.status).toBe(0);
    expect(Buffer.compare(r.received[0] as Buffer, expected)).toBe(0);
  });

  it('writes to a descriptor it inherited, as a shell\'s >(lp) names it (/dev/fd/3)', async () => {
    const r = await careprint([...render, '/dev/fd/3'], ['ignore', 'ignore', 'pipe', 'pipe'], (s) => [s[3] as Readable]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^wrote \/dev\/fd\/3: discharge/);
    expect(Buffer.compare(r.received[0] as Buffer, expected)).toBe(0);
  });

  it('says a descriptor it did not inherit is not open (exit 1)', async () => {
    const r = await careprint([...render, '/dev/fd/9'], ['ignore', 'ignore', 'pipe'], () => []);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('out: /dev/fd/9: no such open descriptor (EBADF)\n');
  });

  it('exits 1 with "output closed early" when the reader of --out - stops reading, not as an internal error', async () => {
    const r = await careprint([...render, '-'], ['ignore', 'pipe', 'pipe'], (s) => {
      // The reader closes its end at once, as `| head -c 10` does after ten bytes.
      (s[1] as Readable).destroy();
      return [];
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('out: output closed early (the program reading standard output stopped before the end)\n');
  });

  it('says "output closed early" in one line when the reader of a command\'s text output stops reading', async () => {
    const r = await careprint(['schema', 'visit'], ['ignore', 'pipe', 'pipe'], (s) => {
      (s[1] as Readable).destroy();
      return [];
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('careprint: output closed early (the program reading standard output stopped before the end)\n');
  });

  it('replaces the file a symbolic link points to, and keeps the link', async () => {
    const target = join(dir, 'real.pdf');
    const link = join(dir, 'link.pdf');
    writeFileSync(target, 'old');
    symlinkSync(target, link);
    const r = await careprint([...render, link], ['ignore', 'ignore', 'pipe'], () => []);
    expect(r.status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(Buffer.compare(readFileSync(target), expected)).toBe(0);
  });
});
