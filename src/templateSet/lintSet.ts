import { deriveFacts } from '../clinical/deriveFacts.js';
import { composeDocument } from '../document/compose.js';
import { CareprintError, type Problem } from '../errors.js';
import { sharedMetrics } from '../fonts/fontkitMetrics.js';
import type { SourceFile } from '../template/set/readLayer.js';
import { careprintTemplates, type TemplateRegistry } from '../template/registry.js';
import { checkVariables, parseTemplate, partialArguments } from './checkVariables.js';
import { budgetPapers, pageBudgets } from './pageBudgets.js';
import { longestVisit } from './sampleVisits.js';
import { englishGradeLimits, fleschKincaidGrade, inflesz, minimumWords, otherEnglishGradeLimit, spanishScoreFloor } from './readability.js';
import { proseText } from '../markup/elements.js';
import { sampleVisit, samplesFor, viewShape } from './sampleViews.js';
import type { Shape } from './viewShape.js';

const problem = (path: string, message: string, code: Problem['code'] = 'template_missing'): Problem => ({ code, path, message });

/** The set's own files: the linter answers for them, careprint's tests for careprint's (all of them when no set is layered). */
function isSetFile(registry: TemplateRegistry, file: SourceFile): boolean {
  return file.fromSet || registry.set === undefined;
}

/** templateset.json: every added language declared, every declared language known. */
function checkLanguages(registry: TemplateRegistry, dirLabel: string): Problem[] {
  const manifest = registry.manifest;
  if (!manifest) return [];
  const where = `${dirLabel}/templateset.json:1:1`;
  const known = registry.languages();
  return [
    ...manifest.languages.filter((l) => !known.includes(l)).map((l) => problem(where, `the set declares "${l}", which careprint does not have: describe it under "addedLanguages"`)),
    ...Object.keys(manifest.addedLanguages).filter((l) => !manifest.languages.includes(l)).map((l) => problem(where, `"addedLanguages" has "${l}", which "languages" does not declare`)),
  ];
}

/** Each declared language has every document, with a title; no template is in a language nobody declared. */
function checkCoverage(registry: TemplateRegistry, dirLabel: string): Problem[] {
  const problems: Problem[] = [];
  const known = registry.languages();
  for (const [type, doc] of registry.documents) {
    for (const lang of registry.declaredLanguages()) {
      if (!doc.templates.has(lang)) problems.push(problem(`${dirLabel}/${type}/${lang}.hbs`, `missing: the set declares the language "${lang}", so the ${type} document needs a ${lang} template`));
      else if (doc.meta.title[lang] === undefined) problems.push(problem(`${doc.metaFile.path}:1:1`, `"title" has no "${lang}" entry, and the set declares "${lang}"`));
    }
    for (const [lang, file] of doc.templates) {
      if (!known.includes(lang)) problems.push(problem(`${file.path}:1:1`, `"${lang}" is neither careprint's language nor one the set adds in templateset.json`));
    }
  }
  return problems;
}

/** Handlebars parses, and uses only values, helpers and partials careprint has. */
function checkTemplates(registry: TemplateRegistry): Problem[] {
  const files: { file: SourceFile; partial: boolean }[] = [
    ...[...registry.partials.values()].map((file) => ({ file, partial: true })),
    ...[...registry.documents.values()].flatMap((d) => [...d.templates.values()].map((file) => ({ file, partial: false }))),
  ];
  const parsed = files.map(({ file, partial }) => ({ file, partial, ...parseTemplate(file) }));
  const problems = parsed.filter((p) => isSetFile(registry, p.file)).flatMap((p) => p.problems);
  const args = partialArguments(parsed.flatMap((p) => (p.program ? [p.program] : [])));
  const partials = new Set(registry.partials.keys());
  const view = viewShape();
  for (const { file, partial, program } of parsed) {
    if (!program || !isSetFile(registry, file)) continue;
    const name = file.path.split('/').at(-1)?.replace(/\.hbs$/, '') ?? '';
    const root: Shape = partial ? withNames(view, args.get(name) ?? new Set()) : view;
    problems.push(...checkVariables(program, { file, root, partials }));
  }
  return problems;
}

/** The view with the names a partial's callers pass it. */
function withNames(view: Shape, names: ReadonlySet<string>): Shape {
  const fields = new Map(view.fields);
  for (const name of names) fields.set(name, { types: new Set(['string']), fields: new Map(), item: undefined, example: undefined });
  return { ...view, fields };
}

/** Each document of the set is locked at its version: changed wording comes with a raised version. */
function checkVersions(registry: TemplateRegistry): Problem[] {
  const problems: Problem[] = [];
  for (const [type, doc] of registry.documents) {
    if (!doc.fromSet || doc.contentSha256 === doc.meta.content.sha256) continue;
    const where = `${doc.metaFile.path}:1:1`;
    if (doc.meta.version === doc.meta.content.version) problems.push(problem(where, `the ${type} text changed but "version" is still ${doc.meta.version}: raise "version" and "effectiveDate", then run careprint templates lock ${dirOf(doc.metaFile.path)}`));
    else problems.push(problem(where, `"version" was raised to ${doc.meta.version} but the text is not locked at it: run careprint templates lock ${dirOf(doc.metaFile.path)}`));
  }
  return problems;
}

/**
 * Fills every template of the set with sample visits for each route it claims and lays
 * it out, as a render would: the markup is careprint's subset, every required element
 * is there (careprint's clinical rules and the template's own), signature roles are
 * known, and careprint's documents keep their page budgets for the longest visit.
 */
function checkRenders(registry: TemplateRegistry): Problem[] {
  const metrics = sharedMetrics();
  const seen = new Set<string>();
  const problems: Problem[] = [];
  const add = (found: readonly Problem[], about: string) => {
    for (const p of found) {
      const key = `${p.path}\n${p.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ ...p, path: withLineAndColumn(p.path), message: `${p.message} (${about})` });
    }
  };
  const setPartials = registry.set !== undefined && [...registry.partials.values()].some((f) => isSetFile(registry, f));
  for (const [type, doc] of registry.documents) {
    for (const [lang, file] of doc.templates) {
      if (!isSetFile(registry, file) && !setPartials) continue;
      if (!registry.languages().includes(lang) || doc.meta.title[lang] === undefined) continue;
      for (const route of doc.meta.routes) {
        for (const [i, sample] of samplesFor(route).entries()) {
          const visit = sampleVisit(sample);
          try {
            const composed = composeDocument(type, visit, deriveFacts(visit), { lang, paper: 'letter', metrics, templates: registry });
            if (i === 0) add(readabilityProblems(type, lang, file, proseText(composed.blocks)), `${sample.about}, in ${lang}`);
          } catch (error) {
            if (!(error instanceof CareprintError)) throw error;
            add(error.problems, `${sample.about}, in ${lang}`);
          }
        }
        const budget = pageBudgets[type];
        if (budget === undefined) continue;
        const sample = longestVisit(route);
        const visit = sampleVisit(sample);
        for (const paper of budgetPapers) {
          try {
            const pages = composeDocument(type, visit, deriveFacts(visit), { lang, paper, metrics, templates: registry }).pages.length;
            if (pages <= budget) continue;
            // Until careprint's own wording fits the budget, a set may take as many pages as careprint's does.
            const own = careprintTemplates();
            const ownPages = own.documents.get(type)?.templates.has(lang) ? composeDocument(type, visit, deriveFacts(visit), { lang, paper, metrics, templates: own }).pages.length : 0;
            if (pages > Math.max(budget, ownPages)) add([problem(`${file.path}:1:1`, `${pages} pages on ${paper === 'a4' ? 'A4' : 'Letter'}; the ${type} document fits in ${Math.max(budget, ownPages)}`, 'layout_does_not_fit')], `${sample.about}, in ${lang}`);
          } catch (error) {
            if (!(error instanceof CareprintError)) throw error;
            add(error.problems, `${sample.about}, in ${lang}`);
          }
        }
      }
    }
  }
  return problems;
}

/** Every problem a set has, in file order; empty when the set may be used. */
export function lintRegistry(registry: TemplateRegistry, dirLabel: string = registry.set?.id ?? 'templates'): Problem[] {
  const found = [...checkLanguages(registry, dirLabel), ...checkCoverage(registry, dirLabel), ...checkTemplates(registry), ...checkVersions(registry)];
  // Templates that do not parse or use unknown values would only repeat those problems when filled.
  const problems = found.length > 0 ? found : checkRenders(registry);
  return problems;
}

/** The set's directory, from a document's template.json path. */
function dirOf(metaPath: string): string {
  return metaPath.split('/').slice(0, -2).join('/') || '.';
}

/** `file:line:column`, as editors read it: a path without a line points at the file's start. */
function withLineAndColumn(path: string): string {
  if (/:\d+:\d+$/.test(path)) return path;
  if (/\.hbs:\d+$/.test(path)) return `${path}:1`;
  return `${path}:1:1`;
}

/** The reading level careprint holds its own wording to, for English and Spanish prose long enough to score. */
function readabilityProblems(type: string, lang: string, file: SourceFile, prose: string): Problem[] {
  if (lang === 'en') {
    const { grade, words } = fleschKincaidGrade(prose);
    const limit = englishGradeLimits[type] ?? otherEnglishGradeLimit;
    if (words >= minimumWords && grade > limit) return [problem(`${file.path}:1:1`, `reads at grade ${grade.toFixed(1)} (Flesch–Kincaid); the ${type} document is written for grade ${limit} or lower: shorter sentences, shorter words`, 'template_incomplete')];
  }
  if (lang === 'es') {
    const { score, words } = inflesz(prose);
    if (words >= minimumWords && score < spanishScoreFloor) return [problem(`${file.path}:1:1`, `scores ${score.toFixed(0)} on the INFLESZ scale; patient documents score ${spanishScoreFloor} or more: frases más cortas, palabras más sencillas`, 'template_incomplete')];
  }
  return [];
}
