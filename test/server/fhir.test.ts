import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleToVisit, routeExtensionUrl } from '../../src/fhir/bundleToVisit.js';
import { readFixture, visit } from '../helpers/fixtures.js';
import { expectPhrases, pdfText } from '../helpers/pdfText.js';
import { auth, startTestServer, type TestServer } from '../helpers/server.js';

type Json = Record<string, unknown>;
type Bundle = { resourceType: 'Bundle'; entry: { resource: Json }[] };

/** The service's clinic, as the mapping needs it: its id and zone. */
const harborLight = { id: 'harbor-light', timeZone: 'America/New_York' };
const bundle = (): Bundle => readFixture('fhir/visit-bundle.json') as unknown as Bundle;
/** The fixture with one resource changed (by index) or removed (null). */
function bundleWith(index: number, change: ((r: Json) => Json) | null): Bundle {
  const b = bundle();
  const entries = b.entry.flatMap((e, i) => (i !== index ? [e] : change === null ? [] : [{ ...e, resource: change(e.resource) }]));
  return { ...b, entry: entries };
}

let server: TestServer;
const fixedNow = new Date('2026-11-23T21:15:00Z');
beforeAll(async () => {
  server = await startTestServer({ now: () => fixedNow });
});
afterAll(async () => {
  await server?.close();
});

const post = (url: string, body: unknown, accept = 'application/fhir+json') =>
  server.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/fhir+json', accept, ...auth }, payload: JSON.stringify(body) });

interface Outcome {
  resourceType: string;
  issue: { severity: string; code: string; details: { text: string }; diagnostics?: string; expression?: string[] }[];
}

describe('Bundle to visit', () => {
  it('maps the fixture Bundle to the same visit as the JSON fixture', () => {
    const result = bundleToVisit(bundle(), harborLight);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const json = visit('iv');
    const { nextAppointment: _next, ...expected } = json;
    expect(result.mapped.visit).toEqual({
      ...expected,
      session: { ...(json.session as Json), start: '2026-11-24T09:00:00-05:00', durationMinutes: 40 },
    });
    expect(result.mapped.references).toEqual({ patient: 'Patient/pat-100234', appointment: 'Appointment/appt-2026-11-24-01', encounter: undefined, organization: 'Organization/org-harbor-light', practitioner: 'Practitioner/prac-raman' });
  });

  it('reads an Encounter when there is no Appointment, a SNOMED route, and a legal representative', () => {
    const b = bundle();
    const appt = b.entry[1]?.resource as Json;
    const encounter = {
      resourceType: 'Encounter',
      id: 'enc-1',
      status: 'planned',
      identifier: [{ value: 'S-ENC-1' }],
      period: { start: '2026-11-24T14:00:00Z' },
      reasonCode: [{ coding: [{ system: 'http://snomed.info/sct', code: '47505003', display: 'PTSD' }], text: 'post-traumatic stress disorder' }],
      extension: [{ url: routeExtensionUrl, valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code: '78421000' }] } }],
      participant: [{ individual: (appt.participant as { actor: unknown }[])[1]?.actor }],
    };
    const guardian = { resourceType: 'RelatedPerson', id: 'rp-g', relationship: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code: 'GUARD' }] }], name: [{ family: 'Okafor', given: ['Ada'] }] };
    b.entry[1] = { resource: encounter };
    b.entry.push({ resource: guardian });
    const result = bundleToVisit(b, harborLight);
    expect(result.ok && result.mapped.visit).toMatchObject({
      session: { id: 'S-ENC-1', start: '2026-11-24T14:00:00Z', route: 'im', indication: 'post-traumatic stress disorder' },
      escort: { name: 'Sam Whitfield', relationship: 'spouse' },
      representative: { name: 'Ada Okafor', relationship: 'guardian' },
    });
    expect(result.ok && result.mapped.references.encounter).toBe('Encounter/enc-1');
  });

  it('reads a language given as text alone, and refuses one it cannot read at its FHIRPath, instead of printing in English', async () => {
    const withLanguage = (language: Json) => bundleWith(0, (r) => ({ ...r, communication: [{ language, preferred: true }] }));
    const mapped = bundleToVisit(withLanguage({ text: 'Spanish' }), harborLight);
    expect(mapped.ok && (mapped.mapped.visit.patient as Json).language).toBe('Spanish');
    const spanish = await post('/fhir/r4/$render-document?type=discharge', withLanguage({ text: 'Spanish' }), 'application/pdf');
    expect(spanish.statusCode).toBe(200);
    expectPhrases(pdfText(spanish.rawPayload), ['No maneje']);
    const french = await post('/fhir/r4/$render-document?type=discharge', withLanguage({ text: 'Français' }));
    expect(french.statusCode).toBe(422);
    expect(french.json<Outcome>().issue.map((i) => i.expression?.[0])).toEqual(['Bundle.entry[0].resource.communication[0].language']);
  });

  it("prints the patient's current name, not a former one or a nickname listed first", () => {
    const named = (name: Json[]) => {
      const mapped = bundleToVisit(bundleWith(0, (r) => ({ ...r, name })), harborLight);
      return mapped.ok ? [(mapped.mapped.visit.patient as Json).givenName, (mapped.mapped.visit.patient as Json).familyName] : mapped.problems;
    };
    const current = { given: ['Dana'], family: 'Whitfield' };
    expect(named([{ use: 'maiden', given: ['Dana'], family: 'Okafor' }, current])).toEqual(['Dana', 'Whitfield']);
    expect(named([{ use: 'old', given: ['Dana'], family: 'Okafor' }, { use: 'nickname', given: ['Dee'] }, { ...current, use: 'usual' }])).toEqual(['Dana', 'Whitfield']);
    expect(named([{ use: 'usual', given: ['Dee'], family: 'Whitfield' }, { ...current, use: 'official' }])).toEqual(['Dana', 'Whitfield']);
    // The only name there is, whatever its use.
    expect(named([{ use: 'old', given: ['Dana'], family: 'Okafor' }])).toEqual(['Dana', 'Okafor']);
  });

  it("refuses an Appointment or Encounter that is another patient's, rather than mix two patients on one paper", () => {
    const appointmentIndex = bundle().entry.findIndex((e) => e.resource.resourceType === 'Appointment');
    const otherPatient = bundleWith(appointmentIndex, (r) => ({ ...r, participant: (r.participant as Json[]).map((part) => ((part.actor as Json).reference === 'Patient/pat-100234' ? { ...part, actor: { reference: 'Patient/pat-999999' } } : part)) }));
    const refused = bundleToVisit(otherPatient, harborLight);
    expect(refused.ok ? [] : refused.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      `Bundle.entry[${appointmentIndex}].resource.participant[0].actor: is Patient/pat-999999, not the Bundle's Patient (Patient/pat-100234); the papers would mix two patients`,
    ]);
    expect(bundleToVisit(bundle(), harborLight).ok).toBe(true);
    const encounter = bundleWith(appointmentIndex, (r) => ({ resourceType: 'Encounter', id: 'enc-1', status: 'planned', identifier: r.identifier, extension: r.extension, period: { start: r.start }, subject: { reference: 'Patient/pat-999999' } }));
    const refusedEncounter = bundleToVisit(encounter, harborLight);
    expect(refusedEncounter.ok ? [] : refusedEncounter.problems.map((p) => p.path)).toEqual([`Bundle.entry[${appointmentIndex}].resource.subject`]);
    // The escort too: a RelatedPerson is the relation of the patient it names.
    const escortIndex = bundle().entry.findIndex((e) => e.resource.resourceType === 'RelatedPerson');
    const othersEscort = bundleToVisit(bundleWith(escortIndex, (r) => ({ ...r, patient: { reference: 'Patient/pat-999999' } })), harborLight);
    expect(othersEscort.ok ? [] : othersEscort.problems.map((p) => p.path)).toEqual([`Bundle.entry[${escortIndex}].resource.patient`]);
  });

  it('reads a route given as text alone, as the visit reads one, and refuses text that is not a route', async () => {
    const appointmentIndex = bundle().entry.findIndex((e) => e.resource.resourceType === 'Appointment');
    const withRoute = (text: string) => bundleWith(appointmentIndex, (r) => ({ ...r, extension: [{ url: routeExtensionUrl, valueCodeableConcept: { text } }] }));
    const im = await post('/fhir/r4/$render-document?type=discharge', withRoute('Intramuscular'), 'application/pdf');
    expect(im.statusCode).toBe(200);
    expectPhrases(pdfText(im.rawPayload), ['a ketamine shot into a muscle (IM)']);
    const oral = await post('/fhir/r4/$render-document?type=discharge', withRoute('Oral'));
    expect(oral.statusCode).toBe(422);
    expect(oral.json<Outcome>().issue.map((i) => i.expression?.[0])).toEqual([`Bundle.entry[${appointmentIndex}].resource.extension('${routeExtensionUrl}')`]);
  });

  it('refuses a Bundle for another clinic, a cancelled appointment, and a Bundle without a Patient', () => {
    const other = bundleToVisit(bundleWith(3, (r) => ({ ...r, identifier: [{ value: 'another-clinic' }] })), harborLight);
    expect(!other.ok && other.problems).toEqual([expect.objectContaining({ path: 'Bundle.entry[3].resource.identifier' })]);
    const cancelled = bundleToVisit(bundleWith(1, (r) => ({ ...r, status: 'cancelled' })), harborLight);
    expect(!cancelled.ok && cancelled.problems).toEqual([expect.objectContaining({ path: 'Bundle.entry[1].resource.status' })]);
    const noPatient = bundleToVisit(bundleWith(0, null), harborLight);
    expect(!noPatient.ok && noPatient.problems.map((p) => p.message)).toEqual(['needs exactly one Patient; found 0']);
    const notBundle = bundleToVisit({ resourceType: 'Patient' }, harborLight);
    expect(!notBundle.ok && notBundle.problems.map((p) => p.path)).toEqual(['Bundle']);
  });

  it('takes the length of the session from start and end, a time without an offset in the clinic zone, whatever the server\'s zone', () => {
    const minutes = (start: string, end: string) => {
      const r = bundleToVisit(
        bundleWith(1, (a) => ({ ...a, start, end })),
        harborLight,
      );
      if (!r.ok) return r.problems.map((p) => `${p.path}: ${p.message}`);
      return (r.mapped.visit.session as Json).durationMinutes;
    };
    const zone = process.env.TZ;
    try {
      // The server's own zone must never enter: Date.parse read a time without an offset in it.
      for (const tz of ['UTC', 'Asia/Tokyo', 'America/Los_Angeles']) {
        process.env.TZ = tz;
        expect(minutes('2026-11-24T09:00:00-05:00', '2026-11-24T16:00:00-05:00')).toBe(420);
        expect(minutes('2026-11-24T14:00:00Z', '2026-11-24T09:40:00-05:00')).toBe(40);
        expect(minutes('2026-11-24T09:00', '2026-11-24T09:40')).toBe(40);
        // One with an offset and one without: the latter is a New York wall time (it gave 120 on a UTC server).
        expect(minutes('2026-11-24T09:00:00-05:00', '2026-11-24T16:00:00')).toBe(420);
        expect(minutes('2026-11-24T09:00', '2026-11-24T14:40:00Z')).toBe(40);
        // Wall times across the spring-forward change: 1:30 to 3:30 is one real hour.
        expect(minutes('2026-03-08T01:30', '2026-03-08T03:30')).toBe(60);
        // An end that is not a time is reported, not silently left out.
        expect(minutes('2026-11-24T09:00:00-05:00', 'about 10')).toEqual([expect.stringMatching(/^Bundle\.entry\[1\]\.resource\.end: expected a local time/)]);
      }
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});

describe('POST /fhir/r4/$render-document', () => {
  it('answers a DocumentReference that files the discharge sheet against the Bundle\'s patient', async () => {
    const res = await post('/fhir/r4/$render-document?type=discharge', bundle());
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const doc = res.json<Json & { content: { attachment: Json }[] }>();
    const attachment = doc.content[0]?.attachment as { data: string; hash: string; size: number; contentType: string; language: string; title: string; creation: string };
    const pdf = Buffer.from(attachment.data, 'base64');
    expect(doc).toMatchObject({
      resourceType: 'DocumentReference',
      status: 'current',
      type: { coding: [{ system: 'http://loinc.org', code: '8653-8' }] },
      subject: { reference: 'Patient/pat-100234' },
      date: '2026-11-23T21:15:00.000Z',
      author: [{ reference: 'Organization/org-harbor-light', display: 'Harbor Light Infusion Clinic' }],
      description: 'discharge@2.0.0',
      context: { period: { start: '2026-11-24T14:00:00.000Z' }, related: [{ reference: 'Appointment/appt-2026-11-24-01' }] },
    });
    expect(doc.identifier).toEqual([{ system: 'urn:careprint:document-id', value: res.headers['x-careprint-document-id'] }]);
    expect(attachment).toMatchObject({ contentType: 'application/pdf', language: 'en-US', size: pdf.byteLength, creation: '2026-11-24T14:00:00.000Z' });
    expect(attachment.hash).toBe(createHash('sha1').update(pdf).digest('base64'));
    expect(attachment.title).toBe('Going home after ketamine treatment');
    expectPhrases(pdfText(pdf), ['Dana Whitfield', 'HL-100234', 'Sam Whitfield', '9:00 AM']);
  });

  it('answers the PDF itself for Accept: application/pdf, the same bytes as in the attachment', async () => {
    const pdf = await post('/fhir/r4/$render-document?type=discharge', bundle(), 'application/pdf');
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const ref = await post('/fhir/r4/$render-document?type=discharge', bundle());
    const data = (ref.json<{ content: { attachment: { data: string } }[] }>().content[0]?.attachment.data) ?? '';
    expect(Buffer.compare(pdf.rawPayload, Buffer.from(data, 'base64'))).toBe(0);
    expect((await post('/fhir/r4/$render-document?type=discharge', bundle(), 'text/html')).statusCode).toBe(406);
  });

  it('reads and answers the media types integration engines send: with a FHIR version, and FHIR DSTU2\'s name for FHIR JSON', async () => {
    for (const [contentType, accept] of [
      ['application/fhir+json; fhirVersion=4.0', 'application/fhir+json; fhirVersion=4.0'],
      ['application/json+fhir', 'application/json+fhir'],
      ['application/json; charset=UTF-8', '*/*'],
    ] as const) {
      const res = await server.app.inject({ method: 'POST', url: '/fhir/r4/$render-document?type=discharge', headers: { 'content-type': contentType, accept, ...auth }, payload: JSON.stringify(bundle()) });
      expect(res.statusCode, contentType).toBe(200);
      expect(res.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
      expect(res.json<{ resourceType: string }>().resourceType).toBe('DocumentReference');
    }
    const xml = await server.app.inject({ method: 'POST', url: '/fhir/r4/$render-document?type=discharge', headers: { 'content-type': 'application/fhir+xml', ...auth }, payload: '<Bundle xmlns="http://hl7.org/fhir"/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json<{ resourceType: string }>().resourceType).toBe('OperationOutcome');
  });

  it('answers an OperationOutcome with one issue per problem, each at its FHIRPath', async () => {
    let b = bundleWith(0, (r) => {
      const { birthDate: _b, ...rest } = r;
      return rest;
    });
    b = { ...b, entry: b.entry.map((e) => (e.resource.resourceType === 'Appointment' ? { resource: { ...e.resource, extension: [{ url: routeExtensionUrl, valueCode: 'oral' }] } } : e)) };
    b = { ...b, entry: b.entry.filter((e) => e.resource.resourceType !== 'RelatedPerson') };
    const res = await post('/fhir/r4/$render-document?type=discharge', b);
    expect(res.statusCode).toBe(422);
    const outcome = res.json<Outcome>();
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.map((i) => [i.code, i.expression?.[0]])).toEqual([
      ['required', 'Bundle.entry[0].resource.birthDate'],
      ['invalid', `Bundle.entry[1].resource.extension('${routeExtensionUrl}')`],
    ]);
    // With the contract satisfied, the discharge sheet's hard stop: no escort, so point at the entries.
    const noEscort = await post('/fhir/r4/$render-document?type=discharge', { ...bundle(), entry: bundle().entry.filter((e) => e.resource.resourceType !== 'RelatedPerson') });
    expect(noEscort.json<Outcome>().issue).toEqual([expect.objectContaining({ code: 'business-rule', expression: ['Bundle.entry'] })]);
  });

  it('refuses an Appointment start decades ahead of the service\'s today, at its FHIRPath', async () => {
    const typo = bundleWith(1, (r) => ({ ...r, start: String(r.start).replace('2026', '2062'), end: String(r.end).replace('2026', '2062') }));
    const res = await post('/fhir/r4/$render-document?type=discharge', typo);
    expect(res.statusCode).toBe(422);
    // The service's clock reaches the render worker: today is the fixed 2026-11-23, not the machine's date.
    expect(res.json<Outcome>().issue).toEqual([expect.objectContaining({ expression: ['Bundle.entry[1].resource.start'], details: { text: 'is more than a year after today (2026-11-23); check the year' } })]);
  });

  it('refuses a name in a script it cannot yet print, or with a hidden character, at the name\'s FHIRPath', async () => {
    const named = (family: string, given: string) => bundleWith(0, (r) => ({ ...r, name: [{ use: 'official', family, given: [given] }] }));
    const res = await post('/fhir/r4/$render-document?type=discharge', named('محمد', 'Da\u200Bna'));
    expect(res.statusCode).toBe(422);
    expect(res.json<Outcome>().issue.map((i) => [i.expression?.[0], i.details.text])).toEqual([
      ['Bundle.entry[0].resource.name[0].given', 'has an invisible character (U+200B): the printed text would not match the record; remove it'],
      ['Bundle.entry[0].resource.name[0].family', 'cannot yet print Arabic script correctly'],
    ]);
  });

  it('answers an OperationOutcome for every other error too', async () => {
    const notBundle = await post('/fhir/r4/$render-document?type=discharge', { resourceType: 'Patient' });
    expect(notBundle.statusCode).toBe(422);
    expect(notBundle.json<Outcome>().issue[0]?.expression).toEqual(['Bundle']);
    const noType = await post('/fhir/r4/$render-document', bundle());
    expect(noType.statusCode).toBe(400);
    expect(noType.json<Outcome>().resourceType).toBe('OperationOutcome');
    const noToken = await server.app.inject({ method: 'POST', url: '/fhir/r4/$render-document?type=discharge', headers: { 'content-type': 'application/fhir+json' }, payload: JSON.stringify(bundle()) });
    expect(noToken.statusCode).toBe(401);
    expect(noToken.json<Outcome>().issue[0]?.code).toBe('security');
    const badJson = await server.app.inject({ method: 'POST', url: '/fhir/r4/$render-document?type=discharge', headers: { 'content-type': 'application/fhir+json', ...auth }, payload: '{"resourceType":' });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json<Outcome>().resourceType).toBe('OperationOutcome');
  });
});

describe('what FHIR R4 requires of a request', () => {
  it('refuses a Bundle without a type (1..1 in R4), or with one R4 does not have, at Bundle.type (it was accepted)', async () => {
    const { type: _type, ...untyped } = bundle() as Bundle & { type?: string };
    expect(bundleToVisit(untyped, harborLight)).toEqual({ ok: false, problems: [expect.objectContaining({ path: 'Bundle.type', message: expect.stringMatching(/^required: /) as unknown })] });
    const res = await post('/fhir/r4/$render-document?type=discharge', untyped);
    expect(res.statusCode).toBe(422);
    expect(res.json<Outcome>().issue).toEqual([expect.objectContaining({ code: 'required', expression: ['Bundle.type'] })]);
    const odd = await post('/fhir/r4/$render-packet', { ...bundle(), type: 'bag' });
    expect(odd.statusCode).toBe(422);
    expect(odd.json<Outcome>().issue).toEqual([expect.objectContaining({ code: 'invalid', expression: ['Bundle.type'], details: { text: expect.stringContaining('collection') as unknown } })]);
    for (const type of ['collection', 'document', 'transaction']) expect(bundleToVisit({ ...bundle(), type }, harborLight).ok, type).toBe(true);
  });

  it('names the type parameter, not docs[0], for a document type it does not know or one left out', async () => {
    const unknown = await post('/fhir/r4/$render-document?type=brochure', bundle());
    expect(unknown.statusCode).toBe(400);
    const issue = unknown.json<Outcome>().issue;
    expect(issue).toHaveLength(1);
    expect(issue[0]?.diagnostics).toBe('input_invalid at query.type');
    expect(issue[0]?.details.text).toContain('known: consent, discharge, fasting, side-effects');
    const missing = await post('/fhir/r4/$render-document', bundle());
    expect(missing.json<Outcome>().issue).toEqual([expect.objectContaining({ code: 'required', diagnostics: 'input_invalid at query.type' })]);
    const packet = await post('/fhir/r4/$render-packet?docs=consent,brochure', bundle());
    expect(packet.statusCode).toBe(400);
    expect(packet.json<Outcome>().issue[0]?.diagnostics).toBe('input_invalid at query.docs[1]');
  });
});

describe('a patient under the consent age', () => {
  it('needs the parent who signs coded GUARD; marked ESC, the same parent takes the patient home', async () => {
    const minor = (relationship: string[]) => {
      const b = bundleWith(0, (r) => ({ ...r, birthDate: '2010-05-01' }));
      const entries = b.entry.map((e) =>
        e.resource.resourceType === 'RelatedPerson'
          ? { ...e, resource: { ...e.resource, relationship: [{ coding: relationship.map((code) => ({ system: 'http://terminology.hl7.org/CodeSystem/v3-RoleCode', code })) }] } }
          : e,
      );
      return { ...b, entry: entries };
    };
    const unsigned = await post('/fhir/r4/$render-packet', minor(['MTH']));
    expect(unsigned.statusCode).toBe(422);
    expect(unsigned.json<Outcome>().issue).toEqual([
      expect.objectContaining({ code: 'business-rule', details: { text: expect.stringContaining("the patient is 16 on the session date, under the clinic's consent age of 18") } }),
    ]);
    const signed = await post('/fhir/r4/$render-packet', minor(['MTH', 'GUARD']), 'application/pdf');
    expect(signed.statusCode).toBe(200);
    const text = pdfText(signed.rawPayload);
    expect(text).toContain('Sam Whitfield');
    const discharge = await post('/fhir/r4/$render-document?type=discharge', minor(['MTH', 'GUARD']), 'application/pdf');
    expect(discharge.statusCode).toBe(200);
    expect(pdfText(discharge.rawPayload)).toContain('Today that is Sam Whitfield');
  });
});

describe('POST /fhir/r4/$render-packet', () => {
  it('files the consent packet as a patient consent, in the patient\'s language', async () => {
    const spanish = bundleWith(0, (r) => ({ ...r, communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: 'es' }] }, preferred: true }] }));
    const res = await post('/fhir/r4/$render-packet', spanish);
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ type: { coding: { code: string }[] }; identifier: { value: string }[]; description: string; content: { attachment: { language: string; title: string } }[] }>();
    expect(doc.type.coding[0]?.code).toBe('59284-0');
    expect(doc.identifier.map((i) => i.value)).toEqual([expect.stringMatching(/^CP-PKT-/), expect.stringMatching(/^CP-CON-/), expect.stringMatching(/^CP-SFX-/), expect.stringMatching(/^CP-FST-/)]);
    expect(doc.description).toBe('consent@2.0.0, side-effects@2.0.0, fasting@2.0.0');
    expect(doc.content[0]?.attachment).toMatchObject({ language: 'es-US', title: 'Documentos del tratamiento' });
  });
});
