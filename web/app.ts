/**
 * The front-desk page: pick today's patient (from a pasted schedule or by hand), pick
 * the papers, preview, print or download. Plain DOM, no framework. Every request
 * carries the service key, kept for this browser tab only.
 */

import { fullDate, languageSpellings, readSpelling, routeSpellings, yearFirstDate } from '../src/model/spellings.js';

interface Problem {
  readonly code: string;
  readonly path: string;
  readonly message: string;
  readonly hint?: string;
}

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

/** The visit picked from the schedule: what the form does not show (duration, discharge time) is kept. */
let pickedVisit: Record<string, unknown> = {};
/**
 * Times of the picked visit that a date-time box cannot hold as written (with a UTC
 * offset or seconds): the clinic wall time shown, and the time as written, which is
 * sent back unless the box is changed.
 */
let shownTimes = new Map<string, { readonly shown: string; readonly written: string }>();

function setPath(visit: Record<string, unknown>, path: string, value: string | undefined): void {
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
    setPath(visit, el.name, value === '' ? undefined : time && time.shown === value ? time.written : value);
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
  clearProblems();
}

// ---- problems beside their fields ------------------------------------------------

function clearProblems(): void {
  for (const el of document.querySelectorAll<HTMLElement>('.error')) el.textContent = '';
  for (const el of document.querySelectorAll<HTMLElement>('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    el.removeAttribute('aria-describedby');
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
    const text = `${problem.message}${problem.hint ? ` (${problem.hint})` : ''}`;
    const item = document.createElement('li');
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent} ${text}` : text;
      // A problem in a folded part of the form (representative, interpreter) unfolds it.
      const folded = slot.closest('details');
      if (folded) folded.open = true;
      // A group's problem (escort, representative) points to the group's first box.
      const own = document.getElementById(slot.id.slice(4));
      const field = own ?? slot.closest('fieldset')?.querySelector<HTMLElement>('input, select') ?? null;
      if (field) {
        field.setAttribute('aria-invalid', 'true');
        field.setAttribute('aria-describedby', slot.id);
      }
      const link = document.createElement('a');
      link.href = `#${field?.id ?? slot.id}`;
      link.textContent = `${own ? labelOf(own.id) : groupLabelOf(slot)}: ${text}`;
      item.append(link);
    } else {
      item.textContent = path ? `${path}: ${text}` : text;
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
}

function setStatus(id: string, text: string): void {
  $(id).textContent = text;
}

async function preview(event: Event): Promise<void> {
  event.preventDefault();
  clearProblems();
  clearPreview();
  const docs = chosenDocs();
  if (docs.length === 0) {
    showProblems([{ code: 'input_invalid', path: 'docs', message: 'Pick at least one paper to print.' }]);
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
    $<HTMLIFrameElement>('preview-frame').src = previewUrl;
    const download = $<HTMLAnchorElement>('download');
    download.href = previewUrl;
    download.download = `${id}.pdf`;
    download.setAttribute('aria-disabled', 'false');
    download.tabIndex = 0;
    $<HTMLButtonElement>('print').disabled = false;
    setStatus('render-status', `Ready: ${pages ?? '?'} pages. Check the preview, then print.`);
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

function formatOf(text: string): string {
  const first = text.trimStart()[0];
  if (first === '[') return 'application/json';
  if (first === '{') return 'application/x-ndjson';
  return 'text/csv';
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
    const bad = rows.filter((r) => r.problems.length > 0).length;
    setStatus('schedule-status', `${rows.length} patient${rows.length === 1 ? '' : 's'}${bad > 0 ? `, ${bad} with something to fix` : ''}.`);
  } catch (error) {
    setStatus('schedule-status', error instanceof Error ? error.message : String(error));
  }
}

function showRows(rows: readonly ScheduleRow[]): void {
  const table = $<HTMLTableElement>('schedule-table');
  const body = table.tBodies[0] as HTMLTableSectionElement;
  body.replaceChildren(
    ...rows.map((row) => {
      const v = (row.visit ?? {}) as { patient?: { givenName?: string; familyName?: string }; session?: { start?: string; route?: string } };
      const tr = document.createElement('tr');
      const cell = (text: string, className?: string) => {
        const td = document.createElement('td');
        td.textContent = text;
        if (className) td.className = className;
        return td;
      };
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'Use';
      const name = `${v.patient?.givenName ?? ''} ${v.patient?.familyName ?? ''}`.trim() || `row ${row.row}`;
      button.setAttribute('aria-label', `Use ${name}`);
      button.addEventListener('click', () => {
        fillForm(row.visit, row.clinicTimes);
        if (row.problems.length > 0) showProblems(row.problems);
        $<HTMLInputElement>('patient.givenName').focus();
      });
      const action = document.createElement('td');
      action.append(button);
      const time = (row.clinicTimes?.['session.start'] ?? v.session?.start ?? '').replace('T', ' ');
      tr.append(cell(time), cell(name), cell(v.session?.route ?? ''), cell(row.problems.length === 0 ? 'OK' : `${row.problems.length} to fix`, row.problems.length === 0 ? undefined : 'bad'), action);
      return tr;
    }),
  );
  $('schedule-box').hidden = rows.length === 0;
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
  $('visit-form').addEventListener('submit', (event) => void preview(event));
  // Any change to the visit or the papers makes the preview stale.
  $('visit-form').addEventListener('input', () => {
    if (previewUrl) {
      clearPreview();
      setStatus('render-status', 'Changed: press Preview again before printing.');
    }
  });
  $('print').addEventListener('click', print);
  $('schedule-read').addEventListener('click', () => void readSchedule());
  $('schedule-file').addEventListener('change', () => void loadFile());
  void start();
});
