import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDoseMinutes } from '../../src/clinical/deriveFacts.js';
import { renderDocument } from '../../src/render.js';
import { clinic, visitWith } from '../helpers/fixtures.js';
import { expectPhrases, pdfText } from '../helpers/pdfText.js';
import { auth, startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

interface Printed {
  text: string;
  at: string;
}
interface TimesBody {
  times: {
    lang: string;
    route: string;
    doseMinutes: number;
    doseMinutesGiven: boolean;
    defaultDoseMinutes: number;
    observationMinutes: number;
    dischargeGiven: boolean;
    lastSolidFood: Printed;
    lastClearLiquids: Printed;
    discharge: Printed;
    noDrivingUntil: Printed;
    nextAppointment: Printed | null;
    clockChange: { fasting: string | null; driving: string | null };
  } | null;
  problems: { code: string; path: string; message: string }[];
}

const times = async (visit: unknown, query = '') => {
  const res = await server.app.inject({ method: 'POST', url: `/v1/times${query}`, headers: { 'content-type': 'application/json', ...auth }, payload: JSON.stringify(visit) });
  return { status: res.statusCode, headers: res.headers, body: res.json<TimesBody>() };
};

/** The sheets print times with no-break spaces inside them; read as plain spaces. */
const plain = (text: string | undefined) => text?.replace(/\u00a0/g, ' ');

/** A chronic-pain IV patient on a Thursday at 5:00 AM, as the front desk typed one in. */
const chronicPain = (session: Record<string, unknown> = {}) => visitWith('iv', { session: { start: '2026-11-26T05:00', indication: 'chronic pain', ...session }, nextAppointment: '2026-11-30T09:00' });

describe('POST /v1/times', () => {
  it('answers a 240-minute infusion\'s no-driving time as the discharge sheet prints it: 9:30 AM, not 6:10 AM', async () => {
    const long = await times(chronicPain({ durationMinutes: 240 }), '?docs=discharge');
    expect(long.status).toBe(200);
    expect(long.headers['cache-control']).toBe('no-store');
    expect(long.body.problems).toEqual([]);
    expect(long.body.times).toMatchObject({ route: 'iv', doseMinutes: 240, doseMinutesGiven: true, defaultDoseMinutes: defaultDoseMinutes.iv, dischargeGiven: false });
    expect(plain(long.body.times?.discharge.text)).toBe('9:30 AM on Thursday, November 26');
    expect(plain(long.body.times?.noDrivingUntil.text)).toBe('9:30 AM on Friday, November 27');
    expect(long.body.times?.noDrivingUntil.at).toBe('2026-11-27T09:30');

    // The same visit without its length: the route's default, 3 hours 20 minutes earlier.
    const short = await times(chronicPain());
    expect(short.body.times).toMatchObject({ doseMinutes: defaultDoseMinutes.iv, doseMinutesGiven: false });
    expect(plain(short.body.times?.noDrivingUntil.text)).toBe('6:10 AM on Friday, November 27');

    // And the discharge sheet prints exactly the answered words.
    const sheet = await renderDocument('discharge', chronicPain({ durationMinutes: 240 }), clinic());
    expectPhrases(pdfText(sheet.bytes), [`No driving until ${plain(long.body.times?.noDrivingUntil.text)}`]);
  });

  it('answers the fasting times as the fasting sheet prints them, in the language asked for', async () => {
    const v = visitWith('iv', {});
    const en = await times(v);
    expect(plain(en.body.times?.lastSolidFood.text)).toBe('3:00 AM on Tuesday, November 24');
    expect(plain(en.body.times?.lastClearLiquids.text)).toBe('7:00 AM on Tuesday, November 24');
    const sheet = await renderDocument('fasting', v, clinic());
    expectPhrases(pdfText(sheet.bytes), [`Last solid food: ${plain(en.body.times?.lastSolidFood.text)}`, `Last clear liquids: ${plain(en.body.times?.lastClearLiquids.text)}`]);
    const es = await times(v, '?lang=es');
    expect(es.body.times?.lang).toBe('es');
    expect(plain(es.body.times?.lastSolidFood.text)).toBe('martes 24 de noviembre, 3:00 a. m.');
  });

  it('uses the route\'s default length for an IM visit that gives none', async () => {
    const im = await times(visitWith('iv', { session: { route: 'im' } }));
    expect(im.body.times).toMatchObject({ route: 'im', doseMinutes: defaultDoseMinutes.im, doseMinutesGiven: false, defaultDoseMinutes: defaultDoseMinutes.im });
  });

  it('answers a given discharge time as the actual one, with its hard stop beside the times when it is too early', async () => {
    const left = await times(visitWith('iv', { session: { dischargeAt: '2026-11-24T11:45' } }));
    expect(left.body.times?.dischargeGiven).toBe(true);
    expect(plain(left.body.times?.noDrivingUntil.text)).toBe('11:45 AM on Wednesday, November 25');
    const early = await times(visitWith('iv', { session: { durationMinutes: 240, dischargeAt: '2026-11-24T10:10' } }), '?docs=discharge');
    expect(early.status).toBe(200);
    expect(early.body.times?.noDrivingUntil.at).toBe('2026-11-25T10:10');
    expect(early.body.problems).toEqual([expect.objectContaining({ code: 'clinical_hard_stop', path: 'session.dischargeAt', message: expect.stringContaining('240-minute IV infusion') })]);
  });

  it('answers no times and every problem for a visit it cannot read, and checks its query', async () => {
    const bad = await times(visitWith('iv', { session: { start: '2026-03-08T02:30' }, patient: { givenName: '' } }));
    expect(bad.status).toBe(200);
    expect(bad.body.times).toBeNull();
    expect(bad.body.problems.map((p) => p.path).sort()).toEqual(['patient.givenName', 'session.start']);
    const { escort: _escort, ...noEscort } = visitWith('iv', {});
    expect((await times(noEscort, '?docs=discharge')).body.problems).toEqual([expect.objectContaining({ path: 'escort', code: 'clinical_hard_stop' })]);
    expect((await times(noEscort, '?docs=brochure')).status).toBe(400);
    expect((await times(noEscort, '?lang=fr')).status).toBe(400);
  });

  it('logs its requests by route and status, never a name, record number, birth date or time of the visit', async () => {
    await times(chronicPain({ durationMinutes: 240 }), '?docs=discharge');
    const log = server.logs();
    const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.route === '/v1/times' && l.status === 200 && l.msg === 'request')).toBe(true);
    for (const secret of ['Dana', 'Whitfield', 'HL-100234', '1984-03-04', '2026-11-26T05:00', '9:30']) expect(log, secret).not.toContain(secret);
  });
});
