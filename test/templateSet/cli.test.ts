import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/pdfText.js';
import { copyOfSet, edit, fixtureSet, raiseAndLock } from './helpers.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/careprint.js');

function careprint(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, TZ: 'Asia/Tokyo' } });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(join(root, 'dist/cli/bin.js'))) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'careprint-set-cli-'));
});

describe('careprint templates lint and vars', () => {
  it('lint: exit 0 for a clean set', () => {
    const r = careprint(['templates', 'lint', 'fixtures/template-sets/harbor-light']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('fixtures/template-sets/harbor-light: no problems\n');
  });

  it('lint: exit 1 and one file:line:column: problem a line, for a set that drops the risks', () => {
    const set = copyOfSet();
    edit(set, 'consent/vi.hbs', (t) => t.replace(/<section element="risks-serious">.*\n/, ''));
    raiseAndLock(set, 'consent', '3.3.1');
    const r = careprint(['templates', 'lint', set]);
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${set}/consent/vi.hbs:1:1: the required element "risks-serious" is missing (a plain IV visit, in vi)`);
    for (const line of lines) expect(line).toMatch(/^[^:]+:\d+:\d+: /);
    expect(r.stderr).toBe(`${lines.length} problem${lines.length === 1 ? '' : 's'} in ${set}\n`);
  });

  it('vars: every value with its type and an example', () => {
    const r = careprint(['templates', 'vars']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^times\.noDrivingUntil\.full +string +"\d{1,2}:\d{2}\u00a0[AP]M on \w+day, \w+ \d+"$/m);
    expect(r.stdout).toMatch(/^representative +object or null *$/m);
    expect(r.stdout).toMatch(/^clinic\.address +list of string +"/m);
    const json = JSON.parse(careprint(['templates', 'vars', '--json']).stdout) as { path: string; type: string }[];
    expect(json.find((v) => v.path === 'session.offLabel')?.type).toBe('boolean');
  });
});

describe('--templates and the clinic\'s templates', () => {
  it('render prints the set\'s wording; a language it adds is accepted with it and refused without', () => {
    const out = join(dir, 'vi.pdf');
    const r = careprint(['render', 'discharge', '-i', 'fixtures/visits/iv.json', '-c', 'fixtures/clinic.json', '--templates', 'fixtures/template-sets/harbor-light', '--lang', 'vi', '-o', out]);
    expect(r.stderr).toMatch(/^wrote .*vi\.pdf: discharge 3\.3\.0, \d pages?, CP-DIS-/);
    expect(r.status).toBe(0);
    expect(pdfText(readFileSync(out))).toContain('Không lái xe cho đến:');
    const refused = careprint(['render', 'discharge', '-i', 'fixtures/visits/iv.json', '-c', 'fixtures/clinic.json', '--lang', 'vi', '-o', join(dir, 'x.pdf')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--lang: "vi" is not a language the templates have; known: en, es');
  });

  it('takes the set from the clinic JSON, relative to the clinic file', () => {
    const clinicDir = mkdtempSync(join(tmpdir(), 'careprint-clinic-'));
    cpSync(fixtureSet, join(clinicDir, 'wording'), { recursive: true });
    const clinic = { ...(JSON.parse(readFileSync(join(root, 'fixtures/clinic.json'), 'utf8')) as object), templates: 'wording' };
    writeFileSync(join(clinicDir, 'clinic.json'), JSON.stringify(clinic));
    const out = join(dir, 'photo.pdf');
    const r = careprint(['render', 'photo-release', '-i', 'fixtures/visits/iv.json', '-c', join(clinicDir, 'clinic.json'), '-o', out]);
    expect(r.status).toBe(0);
    expect(pdfText(readFileSync(out))).toContain('Photo and video release');
  });

  it('refuses a set with problems before rendering, every problem printed (exit 1)', () => {
    const set = copyOfSet();
    edit(set, 'discharge/en.hbs', (t) => t.replace('<p>Thank you', '<p>{{patient.nickname}} Thank you'));
    raiseAndLock(set, 'discharge', '3.3.1');
    const out = join(dir, 'refused.pdf');
    const r = careprint(['render', 'discharge', '-i', 'fixtures/visits/iv.json', '-c', 'fixtures/clinic.json', '--templates', set, '-o', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${set}/discharge/en.hbs:4:6: "patient.nickname" is not a value careprint gives templates (see careprint templates vars)\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('batch prints a set\'s own document for every row', () => {
    const schedule = join(dir, 'day.csv');
    writeFileSync(schedule, readFileSync(join(root, 'fixtures/schedules/2026-11-24.csv'), 'utf8').split('\n').slice(0, 3).join('\n') + '\n');
    const out = join(dir, 'run');
    const r = careprint(['batch', '-s', schedule, '-c', 'fixtures/clinic.json', '--templates', 'fixtures/template-sets/harbor-light', '--doc', 'photo-release', '-o', out, '-j', '1', '--no-progress']);
    expect(r.stderr).toContain('2 of 2 rows written');
    expect(r.status).toBe(0);
    const pdfs = readdirSync(out).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    expect(pdfText(readFileSync(join(out, pdfs[0] as string)))).toContain('harbor-light/photo-release v3.2.0');
  });

  it('serve does not start with a set that has problems, and prints them', () => {
    const clinicDir = mkdtempSync(join(tmpdir(), 'careprint-clinic-'));
    const set = join(clinicDir, 'wording');
    cpSync(fixtureSet, set, { recursive: true });
    edit(set, 'discharge/en.hbs', (t) => t.replace('Thank you', 'Thanks'));
    const clinic = { ...(JSON.parse(readFileSync(join(root, 'fixtures/clinic.json'), 'utf8')) as object), templates: 'wording' };
    writeFileSync(join(clinicDir, 'clinic.json'), JSON.stringify(clinic));
    const r = careprint(['serve', '--clinic', join(clinicDir, 'clinic.json'), '--insecure-local', '--port', '0']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${set}/discharge/template.json:1:1: the discharge text changed but "version" is still 3.3.0`);
  });
});
