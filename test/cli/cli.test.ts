import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { visitWith } from '../helpers/fixtures.js';

const root = new URL('../../', import.meta.url).pathname;
const bin = join(root, 'bin/careprint.js');

function careprint(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, env: { ...process.env, TZ: 'Asia/Tokyo' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
}

let dir: string;
beforeAll(() => {
  if (!existsSync(join(root, 'dist/cli/bin.js'))) throw new Error('build first: npm run build');
  dir = mkdtempSync(join(tmpdir(), 'careprint-cli-'));
});

describe('careprint CLI', () => {
  it('renders a discharge sheet to a file and says so without patient data', () => {
    const out = join(dir, 'sheet.pdf');
    const r = careprint(['render', 'discharge', '--input', 'fixtures/visits/iv.json', '--clinic', 'fixtures/clinic.json', '--out', out]);
    expect(r.status).toBe(0);
    expect(readFileSync(out).subarray(0, 8).toString()).toBe('%PDF-1.7');
    expect(r.stderr).toMatch(/^wrote .*sheet\.pdf: discharge 2\.0\.0, 2 pages, CP-DIS-[0-9A-F]{12}\n$/);
    expect(r.stderr).not.toContain('Whitfield');
  });

  it('reads standard input and writes standard output, the same bytes as a file', () => {
    const file = join(dir, 'a.pdf');
    careprint(['render', 'discharge', '-i', 'fixtures/visits/iv.json', '-c', 'fixtures/clinic.json', '-o', file]);
    const r = careprint(['render', 'discharge', '--input', '-', '--clinic', 'fixtures/clinic.json', '--out', '-'], readFileSync(join(root, 'fixtures/visits/iv.json'), 'utf8'));
    expect(r.status).toBe(0);
    expect(Buffer.compare(r.stdout, readFileSync(file))).toBe(0);
  });

  it('refuses to write a PDF to a terminal, before any work (exit 2)', () => {
    // `script` (util-linux, in every Debian) runs the command with a terminal as its output.
    const hasScript = spawnSync('script', ['--version']).status === 0;
    if (!hasScript) return;
    for (const command of ['render discharge', 'packet']) {
      const r = spawnSync('script', ['-qec', `"${process.execPath}" "${bin}" ${command} -i fixtures/visits/iv.json -c fixtures/clinic.json -o -`, '/dev/null'], { cwd: root });
      const seen = r.stdout.toString('latin1');
      expect(r.status).toBe(2);
      expect(seen).toContain('--out -: standard output is a terminal; send it to a file (> sheet.pdf) or a program (| lp), or give --out sheet.pdf');
      expect(seen).not.toContain('%PDF');
    }
  });

  it('refuses a folder as --out, saying to name the file, before any work (exit 2)', () => {
    for (const [command, out] of [['render discharge', dir], ['packet', `${join(dir, 'not-yet')}/`]] as const) {
      const r = careprint([...command.split(' '), '-i', 'fixtures/visits/iv.json', '-c', 'fixtures/clinic.json', '-o', out]);
      expect([r.status, r.stderr]).toEqual([2, `--out ${out}: is a folder; name the PDF file in it, as in ${join(out, 'sheet.pdf')}\n`]);
    }
    expect(existsSync(join(dir, 'not-yet'))).toBe(false);
  });

  it('lists every problem, one per line, exits 1 and writes no file', () => {
    const out = join(dir, 'bad.pdf');
    const input = join(dir, 'bad.json');
    writeFileSync(input, JSON.stringify(visitWith('iv', { patient: { birthDate: '1984-13-01' }, session: { route: 'oral' } })));
    const r = careprint(['render', 'discharge', '--input', input, '--clinic', 'fixtures/clinic.json', '--out', out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('patient.birthDate: expected YYYY-MM-DD, got "1984-13-01"\nsession.route: expected "iv", "im" or "intranasal", got "oral"\n');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a name it would print reversed or with a hidden character, exit 1 naming the field, and writes no file', () => {
    const out = join(dir, 'rtl.pdf');
    const cases: [Record<string, unknown>, string][] = [
      [{ patient: { familyName: 'כהן' } }, 'patient.familyName: cannot yet print Hebrew script correctly, got "כהן"\n'],
      [{ patient: { familyName: '\u202Edleiftih W' } }, 'patient.familyName: has a bidirectional control character (U+202E) that would change the order of the printed text; remove it, got "\\u202Edleiftih W"\n'],
      [{ patient: { birthDate: '0001-01-01' } }, 'patient.birthDate: is before 1900; check the year, got "0001-01-01"\n'],
    ];
    for (const [patch, stderr] of cases) {
      const input = join(dir, 'rtl.json');
      writeFileSync(input, JSON.stringify(visitWith('iv', patch)));
      const r = careprint(['render', 'discharge', '--input', input, '--clinic', 'fixtures/clinic.json', '--out', out]);
      expect([r.status, r.stderr]).toEqual([1, stderr]);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('stops a discharge sheet without an escort', () => {
    const input = join(dir, 'alone.json');
    const { escort: _e, ...alone } = visitWith('iv', {});
    writeFileSync(input, JSON.stringify(alone));
    const r = careprint(['render', 'discharge', '--input', input, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'alone.pdf')]);
    expect([r.status, r.stderr]).toEqual([1, 'escort: required — a patient must not leave alone after ketamine\n']);
  });

  it('names a missing file and bad JSON', () => {
    expect(careprint(['validate', '--input', 'nope.json', '--clinic', 'fixtures/clinic.json'])).toMatchObject({ status: 1, stderr: 'input: file not found: nope.json\n' });
    const r = careprint(['validate', '--input', '-', '--clinic', 'fixtures/clinic.json'], '{"patient":');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^input: not valid JSON/);
    // V8's message quotes the start of the text, here a patient's name: it is left out.
    const named = careprint(['validate', '--input', '-', '--clinic', 'fixtures/clinic.json'], '{"patient": Dana Whitfield HL-100234}');
    expect(named.stderr).toBe("input: not valid JSON (Unexpected token 'D')\n");
    const schedule = join(dir, 'day.json');
    writeFileSync(schedule, '[{"patient": Dana Whitfield}]');
    const batch = careprint(['batch', '--schedule', schedule, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'never')]);
    expect([batch.status, batch.stderr]).toEqual([2, "schedule: not valid JSON (Unexpected token 'D')\n"]);
  });

  it('validates, with or without a document\'s hard stops', () => {
    expect(careprint(['validate', '--input', 'fixtures/visits/iv.json', '--clinic', 'fixtures/clinic.json'])).toMatchObject({ status: 0, stderr: 'valid\n' });
    const alone = JSON.stringify({ ...visitWith('iv', {}), escort: undefined });
    expect(careprint(['validate', '--input', '-', '--clinic', 'fixtures/clinic.json'], alone)).toMatchObject({ status: 0, stderr: 'valid\n' });
    expect(careprint(['validate', '--input', '-', '--clinic', 'fixtures/clinic.json', '--document', 'fasting,discharge'], alone)).toMatchObject({
      status: 1,
      stderr: 'escort: required — a patient must not leave alone after ketamine\n',
    });
    // A misspelt document used to check no hard stop and answer "valid".
    const typo = careprint(['validate', '--input', '-', '--clinic', 'fixtures/clinic.json', '--document', 'dischrage'], alone);
    expect([typo.status, typo.stderr.split('\n')[0]]).toEqual([2, '--document: unknown document type "dischrage"; known: consent, discharge, fasting, side-effects']);
  });

  it('says an unexpected error by its kind and code, and its message (which may quote the input) only when asked', async () => {
    const { internalErrorText } = await import('../../src/cli/main.js');
    const error = Object.assign(new Error("ENAMETOOLONG: name too long, open 'out/2026-11-24_HL-100234_discharge.pdf'"), { code: 'ENAMETOOLONG' });
    const plain = internalErrorText(error, false);
    expect(plain).toBe('careprint: internal error (Error ENAMETOOLONG); run again with CAREPRINT_DEBUG=1 to see its message, which may quote the input');
    expect(plain).not.toContain('HL-100234');
    expect(internalErrorText(error, true)).toContain('HL-100234');
  });

  it('takes --doc and --docs alike, in packet, batch and validate', () => {
    const out = join(dir, 'one-doc-packet.pdf');
    const packet = careprint(['packet', '-i', 'fixtures/visits/iv.json', '-c', 'fixtures/clinic.json', '-o', out, '--doc', 'fasting']);
    expect([packet.status, packet.stderr]).toEqual([0, expect.stringMatching(/^wrote .*: 2 pages, fasting 2\.0\.0 \(2 p\.\), CP-PKT-[0-9A-F]{12}\n$/)]);
    const validate = careprint(['validate', '-i', 'fixtures/visits/iv.json', '-c', 'fixtures/clinic.json', '--docs', 'discharge']);
    expect(validate.status).toBe(0);
    const schedule = join(dir, 'one.ndjson');
    writeFileSync(schedule, JSON.stringify(visitWith('iv', {})));
    const batch = careprint(['batch', '-s', schedule, '-c', 'fixtures/clinic.json', '-o', join(dir, 'docs-run'), '--docs', 'fasting', '--no-progress']);
    expect([batch.status, readdirSync(join(dir, 'docs-run')).filter((f) => f.endsWith('.pdf'))]).toEqual([0, ['2026-11-24_HL-100234_fasting.pdf']]);
  });

  it('exits 2 on usage errors', () => {
    expect(careprint([]).status).toBe(2);
    expect(careprint(['render']).status).toBe(2);
    expect(careprint(['render', 'discharge', '--input', 'x', '--out', 'y', '--paper', 'legal']).status).toBe(2);
    expect(careprint(['frobnicate']).status).toBe(2);
    // A wrong option points to --help; a file that cannot be used says only what is wrong with it.
    const option = careprint(['render', 'discharge', '--input', 'x', '--out', 'y', '--paper', 'legal']);
    expect(option.stderr).toContain('Run careprint --help for usage.');
    const schedule = join(dir, 'not-a-schedule.csv');
    writeFileSync(schedule, 'name,when\nA,B\n');
    const file = careprint(['batch', '--schedule', schedule, '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'never')]);
    expect(file.status).toBe(2);
    expect(file.stderr).toContain('schedule: the first row names no column careprint knows');
    expect(file.stderr).not.toContain('--help');
  });

  it('prints the JSON Schemas made from the validators', () => {
    const visit = JSON.parse(careprint(['schema', 'visit']).stdout.toString()) as { properties: Record<string, { properties?: Record<string, unknown> }>; required: string[] };
    expect(Object.keys(visit.properties)).toEqual(['clinic', 'patient', 'session', 'escort', 'representative', 'interpreter', 'nextAppointment']);
    expect(visit.required).toEqual(['patient', 'session']);
    expect(visit.properties.session?.properties?.route).toMatchObject({ type: 'string', enum: ['iv', 'im', 'intranasal'] });
    expect(visit.properties.patient?.properties?.birthDate).toMatchObject({ type: 'string', pattern: '^\\d{4}-\\d{1,2}-\\d{1,2}$' });
    const clinic = JSON.parse(careprint(['schema', 'clinic']).stdout.toString()) as { required: string[] };
    expect(clinic.required).toEqual(['id', 'name', 'address', 'phone', 'timeZone']);
  });

  it('lists templates with version, effective date, languages and lock state', () => {
    const r = careprint(['templates']);
    expect(r.status).toBe(0);
    expect(r.stdout.toString().split('\n')).toEqual([
      expect.stringMatching(/^consent\s+2\.0\.0\s+effective 2026-12-08\s+en,es\s+locked$/),
      expect.stringMatching(/^discharge\s+2\.0\.0\s+effective 2026-12-08\s+en,es\s+locked$/),
      expect.stringMatching(/^fasting\s+2\.0\.0\s+effective 2026-12-08\s+en,es\s+locked$/),
      expect.stringMatching(/^side-effects\s+2\.0\.0\s+effective 2026-12-08\s+en,es\s+locked$/),
      '',
    ]);
  });

  it('refuses an unknown document type as a usage error in every command, listing the known ones', () => {
    const known = 'known: consent, discharge, fasting, side-effects';
    const io = ['--input', 'fixtures/visits/iv.json', '--clinic', 'fixtures/clinic.json'];
    const runs: [string[], string][] = [
      [['render', 'consnet', ...io, '--out', join(dir, 'x.pdf')], `document: unknown document type "consnet"; ${known}`],
      [['packet', '--docs', 'consent,fastnig', ...io, '--out', join(dir, 'x.pdf')], `--docs: unknown document type "fastnig"; ${known}`],
      [['validate', '--document', 'dischrage', ...io], `--document: unknown document type "dischrage"; ${known}`],
      [['batch', '--doc', 'dischrage', '--schedule', 'fixtures/schedules/2026-11-24.csv', '--clinic', 'fixtures/clinic.json', '--out', join(dir, 'never')], `--doc: unknown document type "dischrage"; ${known}`],
      [['render', 'consent,fasting', ...io, '--out', join(dir, 'x.pdf')], 'document: render makes one document; careprint packet makes several into one PDF'],
    ];
    for (const [args, says] of runs) {
      const r = careprint(args);
      expect([r.status, r.stderr.split('\n')[0]], args[0]).toEqual([2, says]);
    }
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('prints the default consent packet, duplex, with its documents listed and no patient data', async () => {
    const out = join(dir, 'packet.pdf');
    const r = careprint(['packet', '--input', 'fixtures/visits/spanish.json', '--clinic', 'fixtures/clinic.json', '--out', out, '--duplex']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^wrote .*packet\.pdf: \d+ pages, consent 2\.0\.0 \(4 p\.\), side-effects 2\.0\.0 \(2 p\.\), fasting 2\.0\.0 \(2 p\.\), CP-PKT-[0-9A-F]{12}\n$/);
    expect(r.stderr).not.toContain('Ríos');
    const { outlineOf } = await import('../helpers/pdfFields.js');
    expect(outlineOf(readFileSync(out)).map((o) => o.page)).toEqual([1, 5, 7]);
  });

  it('a packet with a document the visit cannot have writes nothing', () => {
    const out = join(dir, 'refused.pdf');
    const input = join(dir, 'alone.json');
    const { escort: _escort, ...alone } = JSON.parse(readFileSync(join(root, 'fixtures/visits/iv.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(input, JSON.stringify(alone));
    const r = careprint(['packet', '--input', input, '--clinic', 'fixtures/clinic.json', '--docs', 'consent,discharge', '--out', out]);
    expect([r.status, r.stderr]).toEqual([1, 'escort: required — a patient must not leave alone after ketamine\n']);
    expect(existsSync(out)).toBe(false);
  });
});
