import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { visit } from '../helpers/fixtures.js';
import { testToken } from '../helpers/server.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/careprint.js');
const clinicArgs = ['serve', '--clinic', 'fixtures/clinic.json', '--port', '0', '--jobs', '1'];

function env(tokens: string | undefined): NodeJS.ProcessEnv {
  const { CAREPRINT_TOKENS: _drop, ...rest } = process.env;
  return tokens === undefined ? rest : { ...rest, CAREPRINT_TOKENS: tokens };
}

/** Starts `careprint serve` and resolves with its address once it listens. */
async function start(args: string[], tokens: string | undefined): Promise<{ child: ChildProcessWithoutNullStreams; port: number; output: () => string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: env(tokens) });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /listening at http:\/\/[^:]+:(\d+)/.exec(output);
      if (m) resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
  return { child, port, output: () => output, exited };
}

describe('careprint serve', () => {
  it('refuses to start without tokens, and binds --insecure-local to 127.0.0.1 only', () => {
    const none = spawnSync(process.execPath, [bin, ...clinicArgs], { cwd: root, env: env(undefined) });
    expect(none.status).toBe(2);
    expect(none.stderr.toString()).toContain('no bearer tokens: set CAREPRINT_TOKENS or --tokens-file, or run on this machine only with --insecure-local');
    const open = spawnSync(process.execPath, [bin, ...clinicArgs, '--insecure-local', '--host', '0.0.0.0'], { cwd: root, env: env(undefined) });
    expect(open.status).toBe(2);
    expect(open.stderr.toString()).toContain('--insecure-local binds to 127.0.0.1 only');
    const short = spawnSync(process.execPath, [bin, ...clinicArgs], { cwd: root, env: env('short') });
    expect(short.status).toBe(2);
    expect(short.stderr.toString()).toContain('at least 16 characters');
  });

  it('refuses a port, time limit or body limit that cannot be used, naming the option (exit 2), before it listens', () => {
    const cases: [string[], string][] = [
      [['--port', '99999'], '--port: expected a port number from 0 to 65535 (0: any free port)'],
      [['--port', '-1'], '--port: expected a port number from 0 to 65535 (0: any free port)'],
      [['--timeout-ms', '0'], '--timeout-ms: expected a whole number of milliseconds, at least 1'],
      [['--timeout-ms', '2.5'], '--timeout-ms: expected a whole number of milliseconds, at least 1'],
      [['--body-limit', '0'], '--body-limit: expected a whole number of bytes, at least 1'],
      [['--body-limit', 'lots'], '--body-limit: expected a whole number of bytes, at least 1'],
      [['--jobs', '0'], '--jobs: expected a whole number of at least 1'],
    ];
    for (const [extra, says] of cases) {
      const r = spawnSync(process.execPath, [bin, ...clinicArgs, '--insecure-local', ...extra], { cwd: root, env: env(undefined), timeout: 20_000 });
      expect([extra.join(' '), r.status, r.stderr.toString().split('\n')[0]]).toEqual([extra.join(' '), 2, says]);
      expect(r.stdout.toString()).not.toContain('listening');
    }
  });

  it('says a port already in use is in use (exit 2), not "internal error"', async () => {
    const first = await start([...clinicArgs, '--insecure-local'], undefined);
    try {
      const second = spawnSync(process.execPath, [bin, 'serve', '--clinic', 'fixtures/clinic.json', '--port', String(first.port), '--jobs', '1', '--insecure-local'], { cwd: root, env: env(undefined) });
      expect(second.status).toBe(2);
      expect(second.stderr.toString()).toBe(`--port ${first.port}: 127.0.0.1:${first.port} is already in use (another careprint serve?); stop it or choose another --port\n`);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });

  it('on SIGTERM finishes the request in flight, refuses new connections, and exits 0', async () => {
    const server = await start(clinicArgs, testToken);
    try {
      const body = JSON.stringify({ visit: visit('iv') });
      // A request whose body is still arriving when the signal comes: it is in flight.
      const socket = connect(server.port, '127.0.0.1');
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      let response = '';
      socket.on('data', (chunk: Buffer) => (response += chunk.toString('latin1')));
      const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
      socket.write(`POST /v1/packets HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${testToken}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
      socket.write(body.slice(0, 20));
      await sleep(300);
      server.child.kill('SIGTERM');
      await sleep(300);
      socket.write(body.slice(20));
      await closed;
      expect(response).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
      expect(response).toContain('content-type: application/pdf');
      expect(response).toContain('%%EOF');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('"msg":"shutting down"');
      await expect(fetch(`http://127.0.0.1:${server.port}/healthz`)).rejects.toThrow();
    } finally {
      server.child.kill('SIGKILL');
    }
  });
});
