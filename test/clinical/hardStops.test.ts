import { describe, expect, it } from 'vitest';
import { checkHardStops } from '../../src/clinical/hardStops.js';
import { CareprintError } from '../../src/errors.js';
import { parseVisit } from '../../src/model/parseVisit.js';
import { clinic, visitWith } from '../helpers/fixtures.js';

/** The hard stops a packet of consent and discharge sheet meets, as `path: message`. */
function stops(patch: Record<string, unknown>): string[] {
  try {
    checkHardStops(['consent', 'discharge'], parseVisit(visitWith('iv', patch), clinic()));
    return [];
  } catch (error) {
    if (error instanceof CareprintError) return error.problems.map((p) => p.path);
    throw error;
  }
}

describe('the patient named as their own escort or representative', () => {
  it('is found whatever compatibility form, case, accents or order the name is written in', () => {
    // The fixture patient is Dana Whitfield. A ligature (U+FB01) or full-width letter
    // prints like the plain letters, so it is the same name.
    for (const name of ['Dana Whit\uFB01eld', '\uFF24ana Whitfield', 'WHITFIELD, Dána']) {
      expect(stops({ escort: { name } })).toEqual(['escort.name']);
      expect(stops({ representative: { name, relationship: 'legal guardian' } })).toEqual(['representative.name']);
    }
  });

  it('lets another person of a name that differs by a suffix take the patient home', () => {
    expect(stops({ escort: { name: 'Dana Whitfield Sr.' } })).toEqual([]);
  });
});
