/**
 * npm run bench:server — starts `careprint serve` (2 render workers) and drives it with
 * autocannon on 127.0.0.1: discharge sheet requests, a bounded number each round, every
 * request a different invented patient (name, MRN, start time), as an EHR's traffic is.
 * After 200 requests that start the workers, a first round at 10 connections measures
 * the service while V8 is still optimising the render code; the rounds after it
 * (CONNECTIONS, default 10,50; 10,10,10 for more) measure the warm service that a
 * long-lived one is.
 * Prints requests per second, p50/p99 latency, errors, the service's resident memory
 * (its worker threads included: they share the process) and the CPU time each request
 * cost the service and the load generator, which share the machine's cores.
 * Before each round, with the service idle, it times pdfmake's one-page sheet, as
 * `npm run bench` does: the machine's speed drifts from hour to hour, and a round's
 * latencies move with it.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { pdfmakeOnePageMs } from './pdfmakeSheet.js';
import { cpuSeconds, memoryMb } from './proc.js';

const root = new URL('../', import.meta.url);
const token = 'bench-token-0123456789abcdef';
const visit = JSON.parse(readFileSync(new URL('fixtures/visits/iv.json', root), 'utf8')) as { patient: Record<string, unknown>; session: Record<string, unknown> };
const given = ['Dana', 'Marcus', 'Ruth', 'Theo', 'María José', 'Lan', 'Zofia', 'Emre', 'Aoife', 'Kwame', 'Ingrid', 'Jean-Luc'];
const family = ['Whitfield', 'Oyelaran', 'Castellano', 'Brandt', 'Núñez Peña', 'Nguyen', 'Łukasiewicz', 'Öztürk', 'Ní Bhriain', 'Mensah', 'Solberg'];
let sent = 0;
/** The next invented patient's visit: every name, MRN and start time differs from the one before. */
function nextBody(): string {
  const i = sent++;
  const minutes = 7 * 60 + (i % 48) * 15;
  const start = `2026-11-${24 + (Math.floor(i / 48) % 5)}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return JSON.stringify({ ...visit, patient: { ...visit.patient, givenName: given[i % given.length], familyName: `${family[i % family.length]}-${i}`, mrn: `BN-${100000 + i}` }, session: { ...visit.session, id: `S-${i}`, start }, nextAppointment: undefined });
}
const jobs = Number(process.env.JOBS ?? 2);
const amount = Number(process.env.REQUESTS ?? 3000);

// One malloc arena and 2 MB semi-spaces, as the Docker image runs the service (see
// Dockerfile), unless the caller sets others (SEMI_SPACE_MB=0 for V8's default).
const arenas = process.env.MALLOC_ARENA_MAX ?? '1';
const semiSpaceMb = Number(process.env.SEMI_SPACE_MB ?? '2');
const nodeFlags = semiSpaceMb > 0 ? [`--max-semi-space-size=${semiSpaceMb}`] : [];
const child = spawn(process.execPath, [...nodeFlags, 'bin/careprint.js', 'serve', '--clinic', 'fixtures/clinic.json', '--host', '127.0.0.1', '--port', '0', '--jobs', String(jobs)], {
  cwd: root,
  env: { ...process.env, MALLOC_ARENA_MAX: arenas, CAREPRINT_TOKENS: token },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  const onData = (chunk: Buffer) => {
    out += chunk.toString('utf8');
    const m = /listening at (http:\/\/[^"\s]+)/.exec(out);
    if (!m) return;
    // Stop reading the log once the address is known: kept, the service's log line for
    // every request would pile up here and be searched again on each chunk, and this
    // process, on the same cores as the service, would cost more with every round.
    child.stdout.off('data', onData);
    resolve(m[1] as string);
  };
  child.stdout.on('data', onData);
  child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
});
child.stdout.resume(); // the log is still read, and dropped, so the service never waits on the pipe

const request = {
  url: `${url}/v1/documents/discharge`,
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  requests: [{ setupRequest: (r: { body?: string }) => ({ ...r, body: nextBody() }) }],
  timeout: 10,
};
try {
  await autocannon({ ...request, connections: 4, amount: 200 }); // start-up: every worker loads its fonts and templates
  console.log(
    `careprint serve, ${jobs} render workers, MALLOC_ARENA_MAX=${arenas}, ${nodeFlags.join(' ') || 'default semi-spaces'}, 3-page discharge sheet, a different patient each request, ${amount} requests per run`,
  );
  const rounds = [{ connections: 10, label: `, first ${amount} after start-up` }, ...(process.env.CONNECTIONS ?? '10,50').split(',').map((c) => ({ connections: Number(c), label: ', warm' }))];
  for (const { connections, label } of rounds) {
    const reference = await pdfmakeOnePageMs();
    const serviceCpu = cpuSeconds(child.pid as number);
    const ownCpu = process.cpuUsage();
    // The rate is counted to the last answer: autocannon's own figure counts whole
    // seconds, to the tick after the last answer, which understates a run of 3-6 s by up
    // to a quarter.
    const started = performance.now();
    let lastAnswer = started;
    const run = autocannon({ ...request, connections, amount });
    run.on('response', () => {
      lastAnswer = performance.now();
    });
    const r = await run;
    const rate = r['2xx'] / ((lastAnswer - started) / 1000);
    if (r.non2xx > 0) throw new Error(`${r.non2xx} requests were refused: the generated visits must all be valid`);
    const mem = memoryMb(child.pid as number);
    const perRequest = (seconds: number) => ((seconds * 1000) / r['2xx']).toFixed(1);
    const own = process.cpuUsage(ownCpu);
    console.log(
      `${String(connections).padStart(3)} concurrent${label}: ${rate.toFixed(0).padStart(4)} req/s · p50 ${r.latency.p50} ms · p99 ${r.latency.p99} ms · ` +
        `${r['2xx']} ok, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts · RSS ${mem.rssMb.toFixed(0)} MB (peak ${mem.peakMb.toFixed(0)} MB)\n` +
        `     CPU per request: service ${perRequest(cpuSeconds(child.pid as number) - serviceCpu)} ms, this load generator ${perRequest((own.user + own.system) / 1e6)} ms (on the same cores); ` +
        `the machine just before: pdfmake's one-page sheet ${reference.toFixed(1)} ms`,
    );
  }
} finally {
  child.kill('SIGTERM');
}
