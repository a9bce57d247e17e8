import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintTemplateSet, loadTemplateSet } from '../../src/templateSet/loadSet.js';
import { CareprintError } from '../../src/errors.js';
import { copyOfSet, edit, fixtureSet, raiseAndLock } from './helpers.js';

const lines = (dir: string) => lintTemplateSet(dir, dir).map((p) => `${p.path}: ${p.message}`);

describe('template set linter', () => {
  it('finds nothing wrong with the fixture set', () => {
    expect(lintTemplateSet(fixtureSet)).toEqual([]);
  });

  it('names a dropped required element, with the file', () => {
    const dir = copyOfSet();
    // The risks section kept its words but lost its mark: to careprint the risks are gone.
    edit(dir, 'consent/vi.hbs', (t) => t.replace('element="risks-common"', 'element="notes"'));
    raiseAndLock(dir, 'consent', '3.3.1');
    const found = lines(dir);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toContain(`${dir}/consent/vi.hbs:1:1: the required element "risks-common" is missing (a plain IV visit, in vi)`);
    expect(() => loadTemplateSet(dir)).toThrow(CareprintError);
  });

  it('refuses a set whose own document drops an element its template.json requires', () => {
    const dir = copyOfSet();
    edit(dir, 'photo-release/en.hbs', (t) => t.replace(/<section element="photo-withdraw">.*\n/, ''));
    raiseAndLock(dir, 'photo-release', '3.3.0');
    expect(lines(dir)).toContain(`${dir}/photo-release/en.hbs:1:1: the required element "photo-withdraw" is missing (a plain IV visit, in en)`);
  });

  it('names a language the set declares but a document lacks', () => {
    const dir = copyOfSet();
    rmSync(join(dir, 'fasting/vi.hbs'));
    raiseAndLock(dir, 'fasting', '3.3.1');
    expect(lines(dir)).toEqual([`${dir}/fasting/vi.hbs: missing: the set declares the language "vi", so the fasting document needs a vi template`]);
  });

  it('names an unknown value, helper and partial with line and column', () => {
    const dir = copyOfSet();
    edit(dir, 'discharge/en.hbs', (t) => t.replace('<p>Thank you', '<p>{{patient.nickname}} {{upper patient.fullName}} {{> footer}} Thank you'));
    raiseAndLock(dir, 'discharge', '3.3.1');
    expect(lines(dir)).toEqual([
      `${dir}/discharge/en.hbs:4:6: "patient.nickname" is not a value careprint gives templates (see careprint templates vars)`,
      `${dir}/discharge/en.hbs:4:27: "upper" is not a helper careprint has; templates use values, #if, #unless, #each, #with and lookup`,
      `${dir}/discharge/en.hbs:4:52: the partial "footer" does not exist; partials are the files in partials/`,
    ]);
  });

  it('names a Handlebars syntax error with its line', () => {
    const dir = copyOfSet();
    edit(dir, 'discharge/vi.hbs', (t) => t.replace('{{/if}}</p></section>', '{{/iff}}</p></section>'));
    raiseAndLock(dir, 'discharge', '3.3.1');
    const found = lines(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${dir}/discharge/vi\\.hbs:\\d+:\\d+: Handlebars does not parse: if doesn't match iff$`));
  });

  it('refuses changed wording at an unraised version, and an unlocked raise', () => {
    const dir = copyOfSet();
    edit(dir, 'discharge/en.hbs', (t) => t.replace('Thank you for trusting', 'Thanks for trusting'));
    expect(lines(dir)).toEqual([`${dir}/discharge/template.json:1:1: the discharge text changed but "version" is still 3.3.0: raise "version" and "effectiveDate", then run careprint templates lock ${dir}`]);
    edit(dir, 'discharge/template.json', (t) => t.replace('"version": "3.3.0"', '"version": "3.3.1"'));
    expect(lines(dir)).toEqual([`${dir}/discharge/template.json:1:1: "version" was raised to 3.3.1 but the text is not locked at it: run careprint templates lock ${dir}`]);
    raiseAndLock(dir, 'discharge', '3.3.1');
    expect(lines(dir)).toEqual([]);
  });

  it('refuses an unknown signature role and markup outside the subset', () => {
    const roles = copyOfSet();
    edit(roles, 'photo-release/en.hbs', (t) => t.replace('role="witness" label="Witness"', 'role="photographer" label="Witness"'));
    raiseAndLock(roles, 'photo-release', '3.3.0');
    expect(lines(roles).join('\n')).toMatch(/photo-release\/en\.hbs:\d+:1: <signature role="photographer"> is not one of patient, .*/);
    const markup = copyOfSet();
    edit(markup, 'photo-release/en.hbs', (t) => t.replace('<p>Saying no', '<blink>Saying no</blink><p>'));
    raiseAndLock(markup, 'photo-release', '3.3.0');
    expect(lines(markup).join('\n')).toMatch(/photo-release\/en\.hbs:\d+:1: unknown element <blink>/);
  });

  it('holds a set\'s English to a reading grade', () => {
    const dir = copyOfSet();
    const dense = 'Concomitant administration of benzodiazepines potentiates dissociative phenomenology and attenuates therapeutic responsiveness in susceptible individuals. ';
    edit(dir, 'photo-release/en.hbs', (t) => t.replace('<p>Harbor Light may', `<p>${dense.repeat(8)}Harbor Light may`));
    raiseAndLock(dir, 'photo-release', '3.3.0');
    const found = lines(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${dir}/photo-release/en\\.hbs:1:1: reads at grade \\d+\\.\\d \\(Flesch–Kincaid\\); the photo-release document is written for grade 8 or lower`));
  });

  it('checks a set kept in a directory called templates like any other', () => {
    const dir = copyOfSet();
    edit(dir, 'discharge/en.hbs', (t) => t.replace('<p>Thank you', '<p>{{patient.nickname}} Thank you'));
    raiseAndLock(dir, 'discharge', '3.3.1');
    const found = lintTemplateSet(dir, 'templates/harbor-light').map((p) => `${p.path}: ${p.message}`);
    expect(found).toEqual(['templates/harbor-light/discharge/en.hbs:4:6: "patient.nickname" is not a value careprint gives templates (see careprint templates vars)']);
  });
});
