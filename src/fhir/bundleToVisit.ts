import type { Problem } from '../errors.js';
import type { Clinic } from '../model/schemas.js';
import { parseTime } from '../time/parseTime.js';
import type { Bundle, BundleEntry, CodeableConcept, Coding, Reference, Resource } from './types.js';

/** The extension on an Appointment or Encounter that names the route. */
export const routeExtensionUrl = 'https://careprint.example/fhir/StructureDefinition/ketamine-route';

const snomed = 'http://snomed.info/sct';
/** SNOMED CT route codes accepted in the route extension's valueCodeableConcept. */
export const routeBySnomedCode: Readonly<Record<string, string>> = { '47625008': 'iv', '78421000': 'im', '46713006': 'intranasal' };

/** The values of Bundle.type in FHIR R4 (any of them is read). */
const bundleTypes: readonly string[] = ['document', 'message', 'transaction', 'transaction-response', 'batch', 'batch-response', 'history', 'searchset', 'collection'];

/** v3 RoleCode relationships that make a RelatedPerson the patient's legal representative. */
export const representativeRoleCodes: ReadonlySet<string> = new Set(['GUARD', 'POWATT', 'HPOWATT', 'DPOWATT', 'SPOWATT', 'GUADLTM']);

/** Words for common v3 RoleCode relationships, when a RelatedPerson has no text. */
const relationshipWords: Readonly<Record<string, string>> = {
  SPS: 'spouse', HUSB: 'husband', WIFE: 'wife', DOMPART: 'domestic partner', FRND: 'friend', PRN: 'parent', MTH: 'mother', FTH: 'father',
  CHILD: 'child', SON: 'son', DAU: 'daughter', SIB: 'sibling', BRO: 'brother', SIS: 'sister', FAMMEMB: 'family member', NBOR: 'neighbor',
  GUARD: 'guardian', POWATT: 'power of attorney', HPOWATT: 'healthcare power of attorney', DPOWATT: 'durable power of attorney', SPOWATT: 'special power of attorney',
};

/** Where the parts of a visit and the document's references came from. */
export interface BundleReferences {
  readonly patient: string;
  readonly appointment: string | undefined;
  readonly encounter: string | undefined;
  readonly organization: string | undefined;
  readonly practitioner: string | undefined;
}

export interface MappedBundle {
  /** The visit, in the contract's JSON shape, still to be validated. */
  readonly visit: Record<string, unknown>;
  readonly references: BundleReferences;
  /** The FHIRPath a visit path (`patient.birthDate`) was read from, or where it belongs. */
  readonly fhirPath: (visitPath: string) => string | undefined;
}

export type BundleMapping = { readonly ok: true; readonly mapped: MappedBundle } | { readonly ok: false; readonly problems: readonly Problem[] };

interface Located {
  readonly resource: Resource;
  /** `Bundle.entry[2].resource` */
  readonly path: string;
  readonly entry: BundleEntry;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function problem(path: string, message: string): Problem {
  return { code: 'input_invalid', path, message };
}

/** A reference as written in the bundle: `Patient/p1` when the resource has an id, else its fullUrl. */
function referenceTo(found: Located): string {
  return found.resource.id !== undefined ? `${found.resource.resourceType}/${found.resource.id}` : (found.entry.fullUrl ?? found.resource.resourceType);
}

function resolve(entries: readonly Located[], ref: Reference | undefined): Located | undefined {
  const target = ref?.reference;
  if (!target) return undefined;
  return entries.find((e) => e.entry.fullUrl === target || `${e.resource.resourceType}/${e.resource.id ?? ''}` === target || (e.entry.fullUrl?.endsWith(`/${target}`) ?? false));
}

function codingsOf(concept: unknown): readonly Coding[] {
  return isObject(concept) ? (list(concept.coding).filter(isObject) as Coding[]) : [];
}

function conceptWords(concept: unknown): string | undefined {
  if (!isObject(concept)) return undefined;
  const c = concept as CodeableConcept;
  return str(c.text) ?? codingsOf(c).map((x) => str(x.display)).find(Boolean) ?? codingsOf(c).map((x) => str(x.code)).find(Boolean);
}

/**
 * Which of a person's names to print: the official one, else the usual one, else one
 * given without a use, else a temporary one. A former name ("old", "maiden") or a
 * nickname is printed only when it is the only kind there is: a consent signed under a
 * name the patient no longer uses would not be theirs.
 */
const nameUseRank: Readonly<Record<string, number>> = { official: 0, usual: 1, '': 2, temp: 3 };

function humanNameIndex(resource: Resource): number {
  const names = list(resource.name);
  let best = 0;
  let bestRank = Number.POSITIVE_INFINITY;
  names.forEach((n, i) => {
    const rank = isObject(n) ? (nameUseRank[typeof n.use === 'string' ? n.use : ''] ?? 4) : 5;
    if (rank < bestRank) [best, bestRank] = [i, rank];
  });
  return best;
}

function fullName(resource: Resource): string | undefined {
  const name = list(resource.name)[humanNameIndex(resource)];
  if (!isObject(name)) return undefined;
  const given = list(name.given).filter((g): g is string => typeof g === 'string').join(' ');
  const family = str(name.family);
  return str(name.text) ?? (str([given, family ?? ''].join(' ').trim()) || undefined);
}

function phoneOf(resource: Resource): { value: string | undefined; index: number } {
  const telecom = list(resource.telecom);
  const index = telecom.findIndex((t) => isObject(t) && t.system === 'phone' && typeof t.value === 'string');
  const found = telecom[index];
  return { value: isObject(found) ? str(found.value) : undefined, index: Math.max(0, index) };
}

/**
 * Minutes from a session's start to its end. A time without a UTC offset is a wall time
 * in the clinic's zone, as everywhere in the visit contract; never in the server's own
 * zone, which Date.parse reads it in (one time with an offset and one without gave a
 * length that changed with the server's zone). A message when the end is not a time;
 * null when the start is not (its own problem is reported where the visit is checked).
 */
function minutesBetween(start: string, end: string, zone: string): number | string | null {
  const from = parseTime(start, zone);
  if (from.kind === 'error') return null;
  const to = parseTime(end, zone);
  if (to.kind === 'error') return to.message;
  return Math.round((to.instantMs - from.instantMs) / 60_000);
}

/**
 * Maps a FHIR R4 Bundle to the visit contract. The Bundle holds one Patient, one
 * Appointment or Encounter (the session), the Practitioner who gives the treatment,
 * optionally the Organization (the clinic, checked against the service's clinic id)
 * and RelatedPersons: the escort, and a legal representative when one signs. The
 * mapping is documented in docs/service.md; every value keeps the FHIRPath it came from, so
 * a problem found later in the visit is reported where the integrator can fix it.
 */
export function bundleToVisit(input: unknown, clinic: Pick<Clinic, 'id' | 'timeZone'>): BundleMapping {
  if (!isObject(input) || input.resourceType !== 'Bundle') return { ok: false, problems: [problem('Bundle', 'expected a FHIR Bundle (resourceType "Bundle")')] };
  // Bundle.type is 1..1 in R4: a Bundle without one is not a valid resource, whatever it holds.
  if (input.type === undefined) return { ok: false, problems: [problem('Bundle.type', `required: a Bundle has a type (R4: 1..1), one of ${bundleTypes.join(', ')}`)] };
  if (typeof input.type !== 'string' || !bundleTypes.includes(input.type)) return { ok: false, problems: [problem('Bundle.type', `expected one of ${bundleTypes.join(', ')}`)] };
  const bundle = input as unknown as Bundle;
  const entries: Located[] = [];
  list(bundle.entry).forEach((entry, i) => {
    if (isObject(entry) && isObject(entry.resource) && typeof entry.resource.resourceType === 'string') {
      entries.push({ resource: entry.resource as Resource, entry: entry as BundleEntry, path: `Bundle.entry[${i}].resource` });
    }
  });
  const problems: Problem[] = [];
  const ofType = (type: string) => entries.filter((e) => e.resource.resourceType === type);

  const patients = ofType('Patient');
  if (patients.length !== 1) problems.push(problem('Bundle.entry', `needs exactly one Patient; found ${patients.length}`));
  const appointments = ofType('Appointment');
  const encounters = ofType('Encounter');
  if (appointments.length > 1) problems.push(problem('Bundle.entry', `needs at most one Appointment; found ${appointments.length}`));
  if (encounters.length > 1) problems.push(problem('Bundle.entry', `needs at most one Encounter; found ${encounters.length}`));
  if (appointments.length === 0 && encounters.length === 0) problems.push(problem('Bundle.entry', 'needs an Appointment or an Encounter for the session'));
  const patient = patients[0];
  const appointment = appointments[0];
  const encounter = encounters[0];
  const session = appointment ?? encounter;
  if (problems.length > 0 || !patient || !session) return { ok: false, problems };

  const origins = new Map<string, string>();
  const visit: Record<string, unknown> = {};
  const put = (target: Record<string, unknown>, key: string, visitPath: string, fhirPath: string, value: unknown) => {
    origins.set(visitPath, fhirPath);
    if (value !== undefined) target[key] = value;
  };

  // Patient
  const p = patient.resource;
  const pp = patient.path;
  const patientOut: Record<string, unknown> = {};
  origins.set('patient', pp);
  const identifiers = list(p.identifier);
  let mrnIndex = identifiers.findIndex((id) => isObject(id) && codingsOf(id.type).some((c) => c.code === 'MR'));
  if (mrnIndex < 0 && identifiers.length === 1) mrnIndex = 0;
  if (mrnIndex < 0 && identifiers.length > 1) problems.push(problem(`${pp}.identifier`, 'several identifiers and none has type MR (medical record number)'));
  const mrn = identifiers[mrnIndex];
  put(patientOut, 'mrn', 'patient.mrn', `${pp}.identifier[${Math.max(0, mrnIndex)}].value`, isObject(mrn) ? mrn.value : undefined);
  const ni = humanNameIndex(p);
  const name = list(p.name)[ni];
  const given = isObject(name) ? list(name.given).filter((g): g is string => typeof g === 'string').join(' ') : undefined;
  put(patientOut, 'givenName', 'patient.givenName', `${pp}.name[${ni}].given`, given || undefined);
  put(patientOut, 'familyName', 'patient.familyName', `${pp}.name[${ni}].family`, isObject(name) ? name.family : undefined);
  put(patientOut, 'birthDate', 'patient.birthDate', `${pp}.birthDate`, p.birthDate);
  const communication = list(p.communication);
  const ci = Math.max(0, communication.findIndex((c) => isObject(c) && c.preferred === true));
  const comm = communication[ci];
  if (isObject(comm)) {
    const code = codingsOf(comm.language).map((c) => str(c.code)).find(Boolean);
    // A CodeableConcept may carry text alone ("Spanish"): read as the visit reads a language
    // name, or refused there. Dropped, it would have left the patient's papers in English.
    const text = isObject(comm.language) ? str(comm.language.text) : undefined;
    put(patientOut, 'language', 'patient.language', `${pp}.communication[${ci}].language`, code ? code.toLowerCase().split('-')[0] : text);
  }
  const patientPhone = phoneOf(p);
  if (patientPhone.value) put(patientOut, 'phone', 'patient.phone', `${pp}.telecom[${patientPhone.index}].value`, patientPhone.value);
  visit.patient = patientOut;

  // Session: the Appointment, or the Encounter when there is no Appointment
  const s = session.resource;
  const sp = session.path;
  const sessionOut: Record<string, unknown> = {};
  origins.set('session', sp);
  const status = str(s.status);
  if (status && ['cancelled', 'noshow', 'entered-in-error'].includes(status)) problems.push(problem(`${sp}.status`, `the ${s.resourceType} is ${status}; documents are printed only for a visit that will happen`));
  const sessionIdentifier = list(s.identifier).find((i) => isObject(i) && typeof i.value === 'string');
  if (isObject(sessionIdentifier)) put(sessionOut, 'id', 'session.id', `${sp}.identifier[${list(s.identifier).indexOf(sessionIdentifier)}].value`, sessionIdentifier.value);
  else put(sessionOut, 'id', 'session.id', `${sp}.id`, s.id);
  const startPath = s.resourceType === 'Appointment' ? `${sp}.start` : `${sp}.period.start`;
  const start = s.resourceType === 'Appointment' ? s.start : isObject(s.period) ? s.period.start : undefined;
  put(sessionOut, 'start', 'session.start', startPath, start);
  const end = s.resourceType === 'Appointment' ? s.end : isObject(s.period) ? s.period.end : undefined;
  if (typeof s.minutesDuration === 'number') put(sessionOut, 'durationMinutes', 'session.durationMinutes', `${sp}.minutesDuration`, s.minutesDuration);
  else if (typeof start === 'string' && typeof end === 'string') {
    const endPath = s.resourceType === 'Appointment' ? `${sp}.end` : `${sp}.period.end`;
    const minutes = minutesBetween(start, end, clinic.timeZone);
    if (typeof minutes === 'number') put(sessionOut, 'durationMinutes', 'session.durationMinutes', endPath, minutes);
    else if (minutes !== null) problems.push(problem(endPath, minutes));
  }

  const extensions = list(s.extension);
  const routePath = `${sp}.extension('${routeExtensionUrl}')`;
  const routeExt = extensions.find((e) => isObject(e) && e.url === routeExtensionUrl);
  let route: unknown;
  if (isObject(routeExt)) {
    if (typeof routeExt.valueCode === 'string') route = routeExt.valueCode;
    else {
      const concept = routeExt.valueCodeableConcept;
      const coding = codingsOf(concept).find((c) => c.system === snomed && c.code !== undefined);
      // Without a SNOMED coding, the concept's text is read as the visit reads a route ("Intravenous"), or refused there.
      route = coding?.code !== undefined ? (routeBySnomedCode[coding.code] ?? `SNOMED ${coding.code}`) : isObject(concept) ? str(concept.text) : undefined;
    }
  }
  put(sessionOut, 'route', 'session.route', routePath, route);
  const reasons = list(s.reasonCode);
  put(sessionOut, 'indication', 'session.indication', `${sp}.reasonCode[0]`, conceptWords(reasons[0]));

  const participants = list(s.participant).filter(isObject);
  const actorOf = (part: Record<string, unknown>) => (isObject(part.actor) ? part.actor : isObject(part.individual) ? part.individual : undefined) as Reference | undefined;

  // The session must be this Patient's: a Bundle put together from two patients' records
  // would print one patient's papers with the other's time and route.
  const patientRefs: { ref: Reference; path: string }[] =
    s.resourceType === 'Appointment'
      ? participants.flatMap((part, i) => {
          const ref = actorOf(part);
          return ref && (ref.reference?.startsWith('Patient/') || resolve(entries, ref)?.resource.resourceType === 'Patient') ? [{ ref, path: `${sp}.participant[${i}].actor` }] : [];
        })
      : isObject(s.subject)
        ? [{ ref: s.subject as Reference, path: `${sp}.subject` }]
        : [];
  const notThisPatient = (ref: Reference, path: string, why: string) => {
    if (resolve(entries, ref) !== patient) problems.push(problem(path, `is ${ref.reference ?? 'another patient'}, not the Bundle's Patient (${referenceTo(patient)}); ${why}`));
  };
  for (const { ref, path } of patientRefs) notThisPatient(ref, path, 'the papers would mix two patients');

  // The practitioner: a participant of the session, else the only one in the bundle
  const practitioners = ofType('Practitioner');
  const practitioner = participants.map((part) => resolve(entries, actorOf(part))).find((e) => e?.resource.resourceType === 'Practitioner') ?? (practitioners.length === 1 ? practitioners[0] : undefined);
  if (!practitioner) {
    problems.push(problem(`${sp}.participant`, practitioners.length > 1 ? 'several Practitioners and none is a participant of the session' : 'needs the Practitioner who gives the treatment'));
  } else {
    const provider: Record<string, unknown> = {};
    const pni = humanNameIndex(practitioner.resource);
    put(provider, 'name', 'session.provider.name', `${practitioner.path}.name[${pni}]`, fullName(practitioner.resource));
    const suffix = list((list(practitioner.resource.name)[pni] as Record<string, unknown> | undefined)?.suffix).filter((x): x is string => typeof x === 'string');
    if (suffix.length > 0) put(provider, 'credentials', 'session.provider.credentials', `${practitioner.path}.name[${pni}].suffix`, suffix.join(', '));
    origins.set('session.provider', practitioner.path);
    sessionOut.provider = provider;
  }
  visit.session = sessionOut;

  // RelatedPersons: the legal representative by relationship code; the escort is the other one
  const related = ofType('RelatedPerson');
  const isRepresentative = (e: Located) => list(e.resource.relationship).some((r) => codingsOf(r).some((c) => c.code !== undefined && representativeRoleCodes.has(c.code)));
  const representatives = related.filter(isRepresentative);
  const escortCandidates = related.filter((e) => !isRepresentative(e));
  const namedEscort = participants.filter((part) => list(part.type).some((t) => codingsOf(t).some((c) => c.code === 'ESC'))).map((part) => resolve(entries, actorOf(part))).find((e) => e?.resource.resourceType === 'RelatedPerson');
  const escort = namedEscort ?? (escortCandidates.length === 1 ? escortCandidates[0] : undefined);
  if (!namedEscort && escortCandidates.length > 1) problems.push(problem(`${sp}.participant`, 'several RelatedPersons could be the escort; mark the escort with participant type ESC'));
  const relationshipWordsOf = (e: Located, fallback: string | undefined) => {
    const rel = list(e.resource.relationship)[0];
    const code = codingsOf(rel).map((c) => c.code).find((c): c is string => c !== undefined);
    return (isObject(rel) ? str(rel.text) : undefined) ?? codingsOf(rel).map((c) => str(c.display)).find(Boolean) ?? (code ? relationshipWords[code] : undefined) ?? fallback;
  };
  if (escort) {
    const out: Record<string, unknown> = {};
    origins.set('escort', escort.path);
    put(out, 'name', 'escort.name', `${escort.path}.name[${humanNameIndex(escort.resource)}]`, fullName(escort.resource));
    put(out, 'relationship', 'escort.relationship', `${escort.path}.relationship[0]`, relationshipWordsOf(escort, undefined));
    const phone = phoneOf(escort.resource);
    put(out, 'phone', 'escort.phone', `${escort.path}.telecom[${phone.index}].value`, phone.value);
    visit.escort = out;
  } else {
    origins.set('escort', 'Bundle.entry');
  }
  // A RelatedPerson is someone's relation: the escort or the representative must be this Patient's.
  for (const person of [escort, representatives[0]]) {
    if (person && isObject(person.resource.patient)) notThisPatient(person.resource.patient as Reference, `${person.path}.patient`, "this person is another patient's relation");
  }
  if (representatives.length > 1) problems.push(problem('Bundle.entry', `at most one legal representative signs; found ${representatives.length}`));
  const representative = representatives[0];
  if (representative) {
    const out: Record<string, unknown> = {};
    origins.set('representative', representative.path);
    put(out, 'name', 'representative.name', `${representative.path}.name[${humanNameIndex(representative.resource)}]`, fullName(representative.resource));
    put(out, 'relationship', 'representative.relationship', `${representative.path}.relationship[0]`, relationshipWordsOf(representative, 'legal representative'));
    visit.representative = out;
  }

  // The clinic: the service prints for one clinic; a bundle for another is refused
  const organizations = ofType('Organization');
  const organization = organizations.length === 1 ? organizations[0] : undefined;
  if (organization) {
    const ids = list(organization.resource.identifier).filter(isObject).map((i) => i.value);
    if (ids.length > 0 && !ids.includes(clinic.id)) problems.push(problem(`${organization.path}.identifier`, `this service prints for clinic "${clinic.id}"; no identifier of the Organization matches it`));
  }

  if (problems.length > 0) return { ok: false, problems };
  const fhirPath = (visitPath: string): string | undefined => {
    for (let path = visitPath; path !== ''; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
      const found = origins.get(path);
      if (found) return found;
    }
    return undefined;
  };
  return {
    ok: true,
    mapped: {
      visit,
      fhirPath,
      references: {
        patient: referenceTo(patient),
        appointment: appointment ? referenceTo(appointment) : undefined,
        encounter: encounter ? referenceTo(encounter) : undefined,
        organization: organization ? referenceTo(organization) : undefined,
        practitioner: practitioner ? referenceTo(practitioner) : undefined,
      },
    },
  };
}
