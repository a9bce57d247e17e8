// Makes the render worker's code cache (dist/bundle/worker-code.cjs.cache): loads the
// bundled worker without a cache, renders every example visit as each document and as a
// packet, in both languages and on both papers, plus a visit that is refused, then asks
// V8 for the bytecode of everything that ran. See src/pool/cachedWorker.ts.
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

process.env.CAREPRINT_WORKER_CACHE = 'off';
const { default: render, codeCacheFile, codeCachePath } = await import('../dist/bundle/worker.js');
const { documentTypes } = await import('../dist/template/registry.js');

const clinic = JSON.parse(readFileSync('fixtures/clinic.json', 'utf8'));
const visits = readdirSync('fixtures/visits')
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => JSON.parse(readFileSync(`fixtures/visits/${name}`, 'utf8')));
const docs = documentTypes();

const tasks = [];
for (const input of visits) {
  // A visit may carry its own clinic.
  const task = { input, clinic: input.clinic ? undefined : clinic, lang: undefined, paper: 'letter', duplex: false };
  for (const doc of docs) tasks.push({ ...task, docs: [doc] });
  tasks.push({ ...task, docs, paper: 'a4', duplex: true });
  tasks.push({ ...task, docs: ['discharge'], lang: 'es' });
}
let rendered = 0;
for (let round = 0; round < 3; round++) {
  for (const task of tasks) if ((await render(task)).status === 'ok') rendered++;
}
const refused = await render({ ...tasks[0], input: { ...visits[0], session: { ...visits[0].session, start: 'tomorrow' } } });
if (rendered !== tasks.length * 3 || refused.status !== 'invalid') throw new Error('the worker did not render the example visits as expected');

const temp = `${codeCachePath}.tmp`;
writeFileSync(temp, codeCacheFile());
renameSync(temp, codeCachePath);
