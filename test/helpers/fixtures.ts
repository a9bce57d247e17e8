import { readFileSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

export function readFixture(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`fixtures/${path}`, root), 'utf8')) as Record<string, unknown>;
}

export const clinic = () => readFixture('clinic.json');
export const visit = (name: string) => readFixture(`visits/${name}.json`);

/** A visit fixture with parts replaced (shallow per top-level key). */
export function visitWith(name: string, patch: Record<string, unknown>): Record<string, unknown> {
  const base = visit(name);
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = base[key];
    out[key] = value && typeof value === 'object' && current && typeof current === 'object' ? { ...current, ...value } : value;
  }
  return out;
}

export function clinicIn(timeZone: string): Record<string, unknown> {
  return { ...clinic(), timeZone };
}
