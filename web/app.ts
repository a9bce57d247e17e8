/**
 * The front-desk page: find today's patient (searching a pasted schedule) or type one
 * in, check the times the papers will print, press the set of papers, print. Plain
 * DOM, no framework. Every request carries the service key, kept for this browser tab
 * only.
 */

import { fullDate, languageSpellings, readSpelling, routeSpellings, yearFirstDate } from '../src/model/spellings.js';
import { formatCalendarDate } from '../src/template/formatTime.js';
import { plainProblem, type Problem } from './plainProblems.js';
import { matchesQuery, searchKeys, type SearchKeys } from './search.js';
import { routeWords, showTimes, showTimesWaiting, type TimesAnswer } from './times.js';

interface DocumentType {
  readonly type: string;
  readonly title: Record<string, string>;
}

interface ScheduleRow {
  readonly row: number;
  readonly visit: unknown;
  /** The visit's times as wall times in the clinic's zone, by field path (the service works them out). */
  readonly clinicTimes?: Readonly<Record<string, string>>;
  readonly problems: readonly Problem[];
}

/** A schedule row on the page: its table row and what it is searched by. */
interface ShownRow {
  readonly row: ScheduleRow;
  readonly tr: HTMLTableRowElement;
  readonly keys: SearchKeys;
}

/** The papers the front desk prints for a new patient. */
const packetDefault = new Set(['consent', 'side-effects', 'fasting']);
const tokenKey = 'careprint.token';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
};

class Unauthorized extends Error {}

let previewUrl: string | undefined;

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = sessionStorage.getItem(tokenKey);
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(path, { ...init, headers });
  if (response.status === 401) {
    $('token-form').hidden = false;
    $<HTMLInputElement>('token').focus();
    throw new Unauthorized('The service key is missing or wrong. Enter the key, then try again.');
  }
  return response;
}

async function problemsOf(response: Response): Promise<Problem[]> {
  // A failure of the service itself names its request, for whoever reads the service's log.
  const requestId = response.headers.get('x-request-id');
  const reference = response.status >= 500 && requestId ? ` (request ${requestId})` : '';
  try {
    const body = (await response.json()) as { problems?: Problem[]; detail?: string; title?: string };
    if (body.problems && body.problems.length > 0) return body.problems;
    return [{ code: 'error', path: '', message: `${body.detail ?? body.title ?? `The service answered ${response.status}`}${reference}` }];
  } catch {
    return [{ code: 'error', path: '', message: `The service answered ${response.status}${reference}` }];
  }
}

// ---- the visit form ------------------------------------------------------------

function formFields(): HTMLInputElement[] {
  return [...$<HTMLFormElement>('visit-form').querySelectorAll<HTMLInputElement>('input[name], select[name]')].filter((el) => el.name.startsWith('patient.') || el.name.startsWith('session.') || el.name.startsWith('escort.') || el.name.startsWith('representative.') || el.name.startsWith('interpreter.') || el.name === 'nextAppointment');
}

/** The visit picked from the schedule: what the form does not show (the planned course) is kept. */
let pickedVisit: Record<string, unknown> = {};
/**
 * Times of the picked visit that a date-time box cannot hold as written (with a UTC
 * offset or seconds): the clinic wall time shown, and the time as written, which is
 * sent back unless the box is changed.
 */
let shownTimes = new Map<string, { readonly shown: string; readonly written: string }>();

function setPath(visit: Record<string, unknown>, path: string, value: string | number | undefined): void {
  const parts = path.split('.');
  let node = visit;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (value === undefined && (typeof next !== 'object' || next === null)) return;
    node = (node[part] ??= {}) as Record<string, unknown>;
  }
  const last = parts[parts.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** `node[key]` as an object, made empty when it is absent. */
function group(node: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = node[key];
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  return (node[key] = {});
}

/**
 * The form as a visit in the contract's shape. The groups every visit has are always
 * sent, so each empty field in them is reported beside its own box, not as one missing
 * group; empty optional groups are left out.
 */
function visitFromForm(): Record<string, unknown> {
  const visit = structuredClone(pickedVisit);
  group(visit, 'patient');
  group(group(visit, 'session'), 'provider');
  for (const el of formFields()) {
    // A list the picked row's value fits none of ("French", "oral") shows nothing chosen and
    // sends that value back as it was, for the service to name beside the box, rather than
    // nothing (which would print English, or drop the route).
    if (el instanceof HTMLSelectElement && el.selectedIndex === -1) continue;
    const value = el.value.trim();
    const time = shownTimes.get(el.name);
    // A length is a number in the contract; anything else typed goes as typed, for the service to name.
    if (el.name === 'session.durationMinutes' && /^\d+$/.test(value)) setPath(visit, el.name, Number(value));
    else setPath(visit, el.name, value === '' ? undefined : time && time.shown === value ? time.written : value);
  }
  for (const optional of ['escort', 'representative', 'interpreter']) {
    const value = visit[optional];
    if (value && typeof value === 'object' && Object.keys(value).length === 0) delete visit[optional];
  }
  return visit;
}

/**
 * Fills the form from a visit. A date-time box holds a wall time (`2026-11-24T09:00`): a
 * time written with a UTC offset is shown as the clinic's wall time the service worked
 * out, never cut short (`…T14:00:00Z` cut to `…T14:00` would be five hours off in New York).
 */
function fillForm(visit: unknown, clinicTimes: Readonly<Record<string, string>> = {}): void {
  clearPreview();
  pickedVisit = visit && typeof visit === 'object' ? structuredClone(visit as Record<string, unknown>) : {};
  shownTimes = new Map();
  const get = (path: string): unknown => path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), visit);
  for (const el of formFields()) {
    const value = get(el.name);
    if (value === undefined || value === null) {
      el.value = el.name === 'patient.language' ? 'en' : '';
    } else if (el.type === 'datetime-local' && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(String(value))) {
      // Not a plain wall time: show the clinic's wall time when the service could read it, else leave the box empty (its problem is listed).
      const shown = clinicTimes[el.name] ?? '';
      el.value = shown;
      if (shown) shownTimes.set(el.name, { shown, written: String(value) });
    } else if (el.type === 'date' && yearFirstDate.test(String(value))) {
      // A date box holds only YYYY-MM-DD; the service reads 1984-3-4 as 1984-03-04, and so does the box.
      el.value = fullDate(String(value));
    } else if (el instanceof HTMLSelectElement) {
      // A language tag as EHRs send it ("es-US"), or a name ("Spanish", "Intravenous"), is
      // shown as the choice the service reads it as.
      const spellings = el.name === 'patient.language' ? languageSpellings : el.name === 'session.route' ? routeSpellings : {};
      const tag = String(readSpelling(spellings, value)).toLowerCase();
      const option = [...el.options].find((o) => o.value !== '' && (tag === o.value || tag.startsWith(`${o.value}-`)));
      el.selectedIndex = option ? option.index : -1;
    } else {
      el.value = String(value);
    }
  }
  // A visit with a representative or an interpreter shows them: the consent is signed
  // differently, and staff must see who signs before they print.
  const folded = $<HTMLDetailsElement>('more-people');
  folded.open = [...folded.querySelectorAll<HTMLInputElement>('input[name]')].some((el) => el.value !== '');
  $('route-note').textContent = '';
  pendingRouteNote = undefined;
  clearProblems();
  showIdentity();
  showPatientLanguage();
  void refreshTimes();
}

// ---- who the form is for: two identifiers ------------------------------------------------

function fieldValue(name: string): string {
  return ($<HTMLInputElement>(name).value ?? '').trim();
}

/** "March 4, 1984" for a date the box holds, or the text as it is. */
function birthDateWords(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? formatCalendarDate(value, 'en') : value;
}

/** The patient's name with a second identifier, birth date, and the record number, as spans. */
function identityParts(): Node[] {
  const name = `${fieldValue('patient.givenName')} ${fieldValue('patient.familyName')}`.trim();
  if (name === '') return [document.createTextNode('No patient yet: pick one from the schedule or fill in the form.')];
  const span = (className: string, text: string) => {
    const el = document.createElement('span');
    el.className = className;
    el.textContent = text;
    return el;
  };
  const born = fieldValue('patient.birthDate');
  const mrn = fieldValue('patient.mrn');
  return [span('name', name), ...(born ? [document.createTextNode(' · '), span('born', `born ${birthDateWords(born)}`)] : []), ...(mrn ? [document.createTextNode(' · '), span('mrn', `MRN ${mrn}`)] : [])];
}

function showIdentity(): void {
  $('patient-id').replaceChildren(...identityParts());
}

/** The language choice names the patient's own, so staff see which the papers follow. */
function showPatientLanguage(): void {
  const select = $<HTMLSelectElement>('patient.language');
  const chosen = select.selectedIndex >= 0 ? select.options[select.selectedIndex]?.textContent : undefined;
  $('print-lang-patient').textContent = chosen ? `The patient's (${chosen})` : "The patient's language";
}

// ---- problems beside their fields ------------------------------------------------

/** The form's name for a path: the label of its box, or of its group. */
function labelForPath(path: string): string | undefined {
  if (path === 'docs') return 'Papers to print';
  const own = document.getElementById(path);
  if (own && own.matches('input, select, textarea')) return labelOf(path);
  const slot = document.getElementById(`err-${path}`);
  return slot ? groupLabelOf(slot) : undefined;
}

const plain = (problem: Problem): string => plainProblem(problem, labelForPath);

function clearProblems(): void {
  for (const el of document.querySelectorAll<HTMLElement>('.error')) el.textContent = '';
  for (const el of document.querySelectorAll<HTMLElement>('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-errormessage');
  }
  const summary = $('form-errors');
  summary.hidden = true;
  summary.replaceChildren();
}

/** The error slot for a path, or for the nearest enclosing path that has one. */
function slotFor(path: string): HTMLElement | null {
  for (let p = path.replace(/^visit\./, ''); p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const slot = document.getElementById(`err-${p}`);
    if (slot) return slot;
  }
  return null;
}

function showProblems(problems: readonly Problem[]): void {
  clearProblems();
  const summary = $('form-errors');
  const heading = document.createElement('p');
  heading.textContent = problems.length === 1 ? 'One thing to fix:' : `${problems.length} things to fix:`;
  const list = document.createElement('ul');
  for (const problem of problems) {
    const path = problem.path.replace(/^visit\./, '');
    const slot = slotFor(path);
    // Named as the form labels the field, in the page's words.
    const text = plain(problem);
    const item = document.createElement('li');
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
      // A problem in a folded part of the form (representative, interpreter, the chosen papers) unfolds it.
      const folded = slot.closest('details');
      if (folded) folded.open = true;
      if (slot.closest('#choose')) openChooser(true);
      // A group's problem (escort, representative) points to the group's first box.
      const own = document.getElementById(slot.id.slice(4));
      const field = own?.matches('input, select, textarea') ? own : (slot.closest('.field, fieldset')?.querySelector<HTMLElement>('input, select') ?? null);
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        // Described by its note and its problem alike.
        const described = new Set((field.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id !== '' && !id.startsWith('err-')));
        described.add(slot.id);
        field.setAttribute('aria-describedby', [...described].join(' '));
        field.setAttribute('aria-errormessage', slot.id);
      }
      const link = document.createElement('a');
      link.href = `#${field?.id ?? slot.id}`;
      link.textContent = text;
      item.append(link);
    } else {
      item.textContent = text;
    }
    list.append(item);
  }
  summary.replaceChildren(heading, list);
  summary.hidden = false;
  summary.focus();
}

/** A group's name as its legend gives it ("Escort home"), without the note in brackets. */
function groupLabelOf(slot: HTMLElement): string {
  return slot.closest('fieldset')?.querySelector('legend')?.firstChild?.textContent?.trim() ?? slot.id.slice(4);
}

function labelOf(id: string): string {
  const label = document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(id)}"]`);
  const section = document.getElementById(id)?.closest('fieldset')?.querySelector('legend')?.firstChild?.textContent?.trim();
  const own = label?.firstChild?.textContent?.trim() ?? id;
  return section && !['Patient', 'Session'].includes(section) ? `${section}: ${own}` : own;
}

// ---- the times the papers will print --------------------------------------------------

let timesAsked = 0;
let timesTimer: ReturnType<typeof setTimeout> | undefined;
/** The route just chosen: its default length is named once the service answers. */
let pendingRouteNote: string | undefined;

function scheduleTimes(): void {
  if (timesTimer !== undefined) clearTimeout(timesTimer);
  timesTimer = setTimeout(() => void refreshTimes(), 250);
}

/** Asks the service for the times the papers will print; only the latest answer is shown. */
async function refreshTimes(): Promise<void> {
  if (timesTimer !== undefined) clearTimeout(timesTimer);
  timesTimer = undefined;
  const asked = ++timesAsked;
  if (fieldValue('session.start') === '' || fieldValue('session.route') === '') {
    showTimesWaiting('Enter the start and the route to see the times.');
    return;
  }
  const lang = $<HTMLSelectElement>('print-lang').value;
  try {
    // The discharge sheet's stops are the ones about these times: an escort, a discharge too early.
    const response = await api(`/v1/times?docs=discharge${lang ? `&lang=${lang}` : ''}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(visitFromForm()) });
    if (asked !== timesAsked) return;
    if (!response.ok) {
      showTimes({ times: null, problems: await problemsOf(response) }, plain);
      return;
    }
    const answer = (await response.json()) as TimesAnswer;
    if (asked !== timesAsked) return;
    showTimes(answer, plain);
    if (answer.times && pendingRouteNote === answer.times.route) {
      $('route-note').textContent = `Route changed to ${routeWords[answer.times.route]}: the dose length went back to its default, ${answer.times.defaultDoseMinutes} minutes.`;
      pendingRouteNote = undefined;
    }
  } catch (error) {
    if (asked === timesAsked) showTimesWaiting(error instanceof Error ? error.message : String(error));
  }
}

/**
 * A new route resets the dose length to that route's default: a length kept from the
 * last route (240 minutes of IV, then IM) would print the wrong times and the wrong
 * words in the consent.
 */
function routeChanged(): void {
  const length = $<HTMLInputElement>('session.durationMinutes');
  const route = fieldValue('session.route');
  const had = length.value !== '';
  length.value = '';
  pendingRouteNote = route === '' ? undefined : route;
  $('route-note').textContent = route === '' ? '' : had ? `Route changed to ${routeWords[route] ?? route}: the dose length went back to its default.` : '';
  if (!had) pendingRouteNote = undefined;
}

// ---- documents ---------------------------------------------------------------------

async function loadDocuments(): Promise<void> {
  const response = await api('/v1/documents');
  if (!response.ok) throw new Error(`The list of papers could not be loaded (${response.status}).`);
  const types = (await response.json()) as DocumentType[];
  const box = $('docs');
  box.replaceChildren(
    ...types.map((doc) => {
      const label = document.createElement('label');
      const input = document.createElement('input');
      input.type = 'checkbox';
      input.name = 'docs';
      input.value = doc.type;
      input.checked = packetDefault.has(doc.type);
      label.append(input, doc.title.en ?? doc.type);
      return label;
    }),
  );
}

function chosenDocs(): string[] {
  return [...document.querySelectorAll<HTMLInputElement>('#docs input:checked')].map((el) => el.value);
}

function openChooser(open: boolean): void {
  $('choose').hidden = !open;
  $('choose-toggle').setAttribute('aria-expanded', String(open));
}

// ---- preview, print, download --------------------------------------------------------

/** Takes the last preview away, so papers for one patient are never printed from another's form. */
function clearPreview(): void {
  const frame = $<HTMLIFrameElement>('preview-frame');
  frame.removeAttribute('src');
  if (previewUrl) URL.revokeObjectURL(previewUrl);
  previewUrl = undefined;
  const download = $<HTMLAnchorElement>('download');
  download.removeAttribute('href');
  download.setAttribute('aria-disabled', 'true');
  download.tabIndex = -1;
  $<HTMLButtonElement>('print').disabled = true;
  $('preview-who').hidden = true;
}

function setStatus(id: string, text: string): void {
  $(id).textContent = text;
}

const languageNames: Readonly<Record<string, string>> = { en: 'English', es: 'Spanish' };

/** Makes the papers and shows them beside the form (on a narrow screen, scrolled to). */
async function makePapers(docs: readonly string[], setName: string): Promise<void> {
  clearProblems();
  clearPreview();
  if (docs.length === 0) {
    showProblems([{ code: 'input_invalid', path: 'docs', message: 'needs at least one paper' }]);
    return;
  }
  const visit = visitFromForm();
  setStatus('render-status', 'Checking…');
  try {
    const check = await api(`/v1/validate?docs=${encodeURIComponent(docs.join(','))}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(visit) });
    if (check.status !== 204) {
      setStatus('render-status', '');
      showProblems(await problemsOf(check));
      return;
    }
    setStatus('render-status', 'Making the papers…');
    const lang = $<HTMLSelectElement>('print-lang').value;
    const body = { visit, docs, duplex: $<HTMLInputElement>('duplex').checked, ...(lang ? { lang } : {}) };
    const response = await api('/v1/packets', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) {
      setStatus('render-status', '');
      showProblems(await problemsOf(response));
      return;
    }
    const pages = response.headers.get('x-careprint-pages');
    const id = response.headers.get('x-careprint-document-id') ?? 'papers';
    const blob = await response.blob();
    previewUrl = URL.createObjectURL(blob);
    // Fit the page's width, so the preview is read at the size the panel allows.
    $<HTMLIFrameElement>('preview-frame').src = `${previewUrl}#view=FitH`;
    const download = $<HTMLAnchorElement>('download');
    download.href = previewUrl;
    download.download = `${id}.pdf`;
    download.setAttribute('aria-disabled', 'false');
    download.tabIndex = 0;
    const print = $<HTMLButtonElement>('print');
    print.disabled = false;
    const who = $('preview-who');
    const language = languageNames[lang || fieldValue('patient.language')] ?? '';
    who.replaceChildren(...identityParts(), document.createTextNode(` — ${setName}${language ? `, in ${language}` : ''}`));
    who.hidden = false;
    setStatus('render-status', `Ready: ${pages ?? '?'} pages. Check the preview, then print.`);
    // Where the eye already is: beside the form on a wide screen; on a narrow one, brought up.
    if (getComputedStyle($('preview-panel')).position !== 'sticky') $('preview-panel').scrollIntoView({ block: 'start' });
    print.focus({ preventScroll: true });
  } catch (error) {
    setStatus('render-status', '');
    showProblems([{ code: 'error', path: '', message: error instanceof Error ? error.message : String(error) }]);
  }
}

function print(): void {
  const frame = $<HTMLIFrameElement>('preview-frame');
  frame.contentWindow?.focus();
  frame.contentWindow?.print();
}

// ---- the schedule ----------------------------------------------------------------------

let shownRows: ShownRow[] = [];

function formatOf(text: string): string {
  const first = text.trimStart()[0];
  if (first === '[') return 'application/json';
  if (first === '{') return 'application/x-ndjson';
  return 'text/csv';
}

function scheduleSummary(): string {
  const bad = shownRows.filter((r) => r.row.problems.length > 0).length;
  return `${shownRows.length} patient${shownRows.length === 1 ? '' : 's'}${bad > 0 ? `, ${bad} with something to fix` : ''}.`;
}

async function readSchedule(): Promise<void> {
  const text = $<HTMLTextAreaElement>('schedule-text').value;
  if (text.trim() === '') {
    setStatus('schedule-status', 'Paste a schedule or load a file first.');
    return;
  }
  setStatus('schedule-status', 'Reading…');
  try {
    const response = await api('/v1/schedules', { method: 'POST', headers: { 'content-type': formatOf(text) }, body: text });
    if (!response.ok) {
      const problems = await problemsOf(response);
      setStatus('schedule-status', `The schedule cannot be read: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`);
      return;
    }
    const { rows } = (await response.json()) as { rows: ScheduleRow[] };
    showRows(rows);
    setStatus('schedule-status', scheduleSummary());
    if (rows.length > 0) {
      // The schedule is read: the box it came from folds away, the search takes its place.
      $<HTMLDetailsElement>('schedule-source').open = false;
      $<HTMLInputElement>('search').value = '';
      $<HTMLInputElement>('search').focus();
    }
  } catch (error) {
    setStatus('schedule-status', error instanceof Error ? error.message : String(error));
  }
}

interface RowVisit {
  patient?: { givenName?: unknown; familyName?: unknown; mrn?: unknown; birthDate?: unknown; language?: unknown };
  session?: { start?: unknown; route?: unknown };
  escort?: { name?: unknown };
}

const text = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function routeInWords(value: unknown): string {
  const route = readSpelling(routeSpellings, value);
  return typeof route === 'string' ? (routeWords[route.toLowerCase()] ?? route) : '';
}

function languageInWords(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'English';
  const tag = String(readSpelling(languageSpellings, value)).toLowerCase();
  return languageNames[tag.slice(0, 2)] !== undefined && (tag.length === 2 || tag[2] === '-') ? (languageNames[tag.slice(0, 2)] as string) : String(value);
}

/** The day most rows start on: the schedule's day, whose date the time column leaves out. */
function scheduleDay(starts: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const start of starts) counts.set(start.slice(0, 10), (counts.get(start.slice(0, 10)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
}

const shortMonths = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mar 4, 1984" for the schedule's narrow column; a date that does not read as one, as it is. */
function shortBirthDate(value: string): string {
  const full = yearFirstDate.test(value) ? fullDate(value) : value;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(full);
  const month = m ? shortMonths[Number(m[2]) - 1] : undefined;
  return m && month && Number(m[3]) >= 1 && Number(m[3]) <= 31 ? `${month} ${Number(m[3])}, ${m[1]}` : value;
}

function showRows(rows: readonly ScheduleRow[]): void {
  const body = $<HTMLTableElement>('schedule-table').tBodies[0] as HTMLTableSectionElement;
  const startOf = (row: ScheduleRow) => (row.clinicTimes?.['session.start'] ?? text((row.visit as RowVisit | null)?.session?.start)).replace(' ', 'T');
  const day = scheduleDay(rows.map(startOf));
  shownRows = rows.map((row) => {
    const v = (row.visit ?? {}) as RowVisit;
    const tr = document.createElement('tr');
    const cell = (content: string, className?: string) => {
      const td = document.createElement('td');
      td.textContent = content;
      if (className) td.className = className;
      return td;
    };
    const name = `${text(v.patient?.givenName)} ${text(v.patient?.familyName)}`.trim() || `row ${row.row}`;
    const born = text(v.patient?.birthDate);
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Use';
    const who = `${name}${born ? `, born ${birthDateWords(yearFirstDate.test(born) ? fullDate(born) : born)}` : ''}`;
    button.dataset.who = who;
    button.setAttribute('aria-label', `Use ${who}`);
    button.addEventListener('click', () => pick(shown));
    const action = document.createElement('td');
    action.append(button);
    // Another day than the schedule's (a typo in the date) shows its date.
    const start = startOf(row);
    const time = /^\d{4}-\d{2}-\d{2}T/.test(start) && start.slice(0, 10) === day ? start.slice(11, 16) : start.replace('T', ' ');
    const escort = v.escort && typeof v.escort === 'object' && text(v.escort.name) !== '' ? 'Yes' : 'No';
    const check = row.problems.length === 0 ? 'OK' : `${row.problems.length} to fix`;
    tr.append(
      cell(time),
      cell(name),
      cell(shortBirthDate(born)),
      cell(text(v.patient?.mrn)),
      cell(routeInWords(v.session?.route)),
      cell(languageInWords(v.patient?.language)),
      cell(escort),
      cell(check, row.problems.length === 0 ? undefined : 'bad'),
      action,
    );
    const shown: ShownRow = { row, tr, keys: searchKeys(v.patient?.givenName, v.patient?.familyName, v.patient?.mrn, v.patient?.birthDate) };
    return shown;
  });
  body.replaceChildren(...shownRows.map((r) => r.tr));
  $('schedule-box').hidden = rows.length === 0;
  $('schedule-find').hidden = rows.length === 0;
}

/** Fills the form with a row's visit and marks the row, then brings the form's top (the papers to print) into view. */
function pick(shown: ShownRow): void {
  fillForm(shown.row.visit, shown.row.clinicTimes);
  for (const r of shownRows) {
    const picked = r === shown;
    if (picked) r.tr.setAttribute('aria-current', 'true');
    else r.tr.removeAttribute('aria-current');
    const button = r.tr.querySelector('button');
    if (button) {
      // The name read out starts with the words shown.
      button.textContent = picked ? 'Picked' : 'Use';
      button.setAttribute('aria-label', `${button.textContent} ${button.dataset.who ?? ''}`);
    }
  }
  $('visit-form').scrollIntoView({ block: 'start' });
  if (shown.row.problems.length > 0) showProblems(shown.row.problems);
  else document.querySelector<HTMLButtonElement>('.set-buttons button')?.focus({ preventScroll: true });
}

function visibleRows(): ShownRow[] {
  return shownRows.filter((r) => !r.tr.hidden);
}

function filterRows(): void {
  const query = $<HTMLInputElement>('search').value;
  for (const r of shownRows) r.tr.hidden = !matchesQuery(r.keys, query);
  const count = visibleRows().length;
  setStatus('schedule-status', query.trim() === '' ? scheduleSummary() : count === 0 ? `No patient matches "${query.trim()}".` : `${count} of ${shownRows.length} patients match.`);
}

function focusRow(index: number): void {
  const rows = visibleRows();
  if (rows.length === 0) return;
  const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
  row?.tr.querySelector('button')?.focus();
}

/** In the search box: Down goes to the list, Enter picks the only match (or goes to the first). */
function searchKeydown(event: KeyboardEvent): void {
  if (event.key === 'ArrowDown') {
    event.preventDefault();
    focusRow(0);
  } else if (event.key === 'Enter') {
    event.preventDefault();
    const rows = visibleRows();
    if (rows.length === 1 && rows[0]) pick(rows[0]);
    else focusRow(0);
  }
}

/** In the list: Up and Down move between the patients shown, Home and End to either end, Escape back to the search. */
function tableKeydown(event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  const rows = visibleRows();
  const index = rows.findIndex((r) => r.tr.contains(target));
  if (index < 0) return;
  const moves: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 };
  if (event.key === 'Escape' || (event.key === 'ArrowUp' && index === 0)) {
    event.preventDefault();
    $<HTMLInputElement>('search').focus();
  } else if (moves[event.key] !== undefined) {
    event.preventDefault();
    focusRow(moves[event.key] as number);
  }
}

async function loadFile(): Promise<void> {
  const file = $<HTMLInputElement>('schedule-file').files?.[0];
  if (!file) return;
  $<HTMLTextAreaElement>('schedule-text').value = await file.text();
  await readSchedule();
}

// ---- start ----------------------------------------------------------------------------

async function start(): Promise<void> {
  try {
    await loadDocuments();
    $('token-form').hidden = true;
    // The key is good: a message asking for it is no longer true.
    setStatus('render-status', '');
  } catch (error) {
    setStatus('render-status', error instanceof Error ? error.message : String(error));
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sessionStorage.setItem(tokenKey, $<HTMLInputElement>('token').value.trim());
    $<HTMLInputElement>('token').value = '';
    void start();
  });
  $('visit-form').addEventListener('submit', (event) => {
    event.preventDefault();
    // Enter in a box makes papers only when the papers are chosen one by one; otherwise a set's button says which.
    if (!$('choose').hidden) void makePapers(chosenDocs(), 'Chosen papers');
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('.set-buttons button[data-docs]')) {
    button.addEventListener('click', () => void makePapers((button.dataset.docs ?? '').split(','), button.dataset.set ?? button.textContent ?? ''));
  }
  $('choose-toggle').addEventListener('click', () => openChooser($('choose').hidden));
  $('session.route').addEventListener('change', routeChanged);
  $('patient.language').addEventListener('change', showPatientLanguage);
  // Any change to the visit or the papers makes the preview stale, and the times are asked again.
  $('visit-form').addEventListener('input', (event) => {
    if (previewUrl) {
      clearPreview();
      setStatus('render-status', 'Changed: make the papers again before printing.');
    }
    const name = (event.target as HTMLInputElement).name ?? '';
    if (name.startsWith('patient.')) showIdentity();
    if (name !== 'docs' && name !== 'duplex') scheduleTimes();
  });
  $('print').addEventListener('click', print);
  $('schedule-read').addEventListener('click', () => void readSchedule());
  $('schedule-file').addEventListener('change', () => void loadFile());
  $('search').addEventListener('input', filterRows);
  $('search').addEventListener('keydown', searchKeydown);
  $('schedule-table').addEventListener('keydown', tableKeydown);
  showTimesWaiting('Enter the start and the route to see the times.');
  void start();
});
