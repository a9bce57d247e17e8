import { deriveFacts } from '../clinical/deriveFacts.js';
import { parseVisit, type Visit } from '../model/parseVisit.js';
import { routes } from '../model/vocabulary.js';
import { buildView } from '../template/view.js';
import { drivingClockChangeVisit, fullVisit, plainVisit, sampleClinic, sampleNowMs, type SampleVisit } from './sampleVisits.js';
import { shapeOf, type Shape } from './viewShape.js';

/** A sample visit validated, as the linter renders it. */
export function sampleVisit(sample: SampleVisit): Visit {
  const clinic = 'clinic' in sample.input ? undefined : sampleClinic;
  return parseVisit(sample.input, clinic, { nowMs: sampleNowMs });
}

/** The samples every template is filled with, for each route. */
export function samplesFor(route: (typeof routes)[number]): SampleVisit[] {
  return [plainVisit(route), fullVisit(route), drivingClockChangeVisit(route)];
}

let shape: Shape | undefined;
/** The shape of the view over every sample visit: the names a template may use. */
export function viewShape(): Shape {
  if (shape) return shape;
  const stamp = { id: 'CP-DOC-SAMPLE', templateId: 'sample', version: '1.0.0', effectiveDate: '2026-01-01' };
  const withoutEscort = (route: (typeof routes)[number]): SampleVisit => {
    const { escort: _escort, ...input } = plainVisit(route).input;
    return { about: 'a visit without an escort', input };
  };
  const views = routes.flatMap((route) =>
    [...samplesFor(route), withoutEscort(route)].flatMap((sample) => {
      const visit = sampleVisit(sample);
      const facts = deriveFacts(visit);
      return (['en', 'es'] as const).map((lang) => buildView(visit, facts, lang, stamp));
    }),
  );
  shape = shapeOf(views);
  return shape;
}
