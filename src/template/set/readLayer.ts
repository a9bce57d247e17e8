import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../errors.js';
import { templateMetaSchema, type TemplateMeta } from '../templateMeta.js';
import { manifestFile, setManifestSchema, type SetManifest } from './manifest.js';

/** A file of a template layer: where it is, as messages name it, and its text. */
export interface SourceFile {
  /** `templates/discharge/en.hbs`, or the set's directory as given joined with the file. */
  readonly path: string;
  readonly text: string;
  /** Read from a clinic's set, not from careprint's own templates. */
  readonly fromSet: boolean;
}

export interface LayerDocument {
  readonly meta: TemplateMeta;
  readonly metaFile: SourceFile;
  /** Language code -> template. */
  readonly templates: ReadonlyMap<string, SourceFile>;
}

/** One directory of templates: careprint's own, or a clinic's set over it. */
export interface Layer {
  readonly documents: ReadonlyMap<string, LayerDocument>;
  readonly partials: ReadonlyMap<string, SourceFile>;
  /** The set's `templateset.json`; careprint's own layer has none. */
  readonly manifest: SetManifest | undefined;
  readonly manifestFile: SourceFile | undefined;
}

const hbsName = /^([a-z]{2,3}(?:-[a-z0-9]{2,8})*)\.hbs$/;

function zodProblems(file: string, issues: readonly { path: readonly PropertyKey[]; message: string }[]): Problem[] {
  return issues.map((i) => ({ code: 'template_missing' as const, path: `${file}:1:1`, message: `${i.path.map(String).join('.') || '(file)'}: ${i.message}` }));
}

function readJsonFile(file: SourceFile, problems: Problem[]): unknown {
  try {
    return JSON.parse(file.text) as unknown;
  } catch (error) {
    problems.push({ code: 'template_missing', path: `${file.path}:1:1`, message: `not valid JSON (${error instanceof Error ? error.message : String(error)})` });
    return undefined;
  }
}

/**
 * Reads a layer's files. `label` is how messages name the directory. Every problem is
 * collected (bad JSON, a template.json that does not fit, a file that is not a
 * template); a layer with problems still lists what it could read.
 */
export function readLayer(dir: string, label: string, isSet: boolean): { layer: Layer; problems: Problem[] } {
  const problems: Problem[] = [];
  const read = (rel: string): SourceFile => ({ path: `${label}/${rel}`, text: readFileSync(join(dir, rel), 'utf8'), fromSet: isSet });
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    problems.push({ code: 'template_missing', path: label, message: 'is not a directory of templates' });
    return { layer: { documents: new Map(), partials: new Map(), manifest: undefined, manifestFile: undefined }, problems };
  }

  let manifest: SetManifest | undefined;
  let manifestSource: SourceFile | undefined;
  if (isSet) {
    if (!existsSync(join(dir, manifestFile))) {
      problems.push({ code: 'template_missing', path: `${label}/${manifestFile}`, message: 'missing: a template set names itself and its languages there' });
    } else {
      manifestSource = read(manifestFile);
      const parsed = setManifestSchema.safeParse(readJsonFile(manifestSource, problems));
      if (parsed.success) manifest = parsed.data;
      else if (problems.length === 0) problems.push(...zodProblems(manifestSource.path, parsed.error.issues));
    }
  }

  const partials = new Map<string, SourceFile>();
  if (existsSync(join(dir, 'partials'))) {
    for (const file of readdirSync(join(dir, 'partials')).sort()) {
      if (file.endsWith('.hbs')) partials.set(file.slice(0, -4), read(`partials/${file}`));
    }
  }

  const documents = new Map<string, LayerDocument>();
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name === 'partials' || entry.name.startsWith('.')) continue;
    const name = entry.name;
    const files = readdirSync(join(dir, name)).sort();
    if (!files.includes('template.json')) {
      problems.push({ code: 'template_missing', path: `${label}/${name}/template.json`, message: 'missing: every document directory has its template.json (id, version, title, routes)' });
      continue;
    }
    const metaFile = read(`${name}/template.json`);
    const json = readJsonFile(metaFile, problems);
    if (json === undefined) continue;
    const parsed = templateMetaSchema.safeParse(json);
    if (!parsed.success) {
      problems.push(...zodProblems(metaFile.path, parsed.error.issues));
      continue;
    }
    const templates = new Map<string, SourceFile>();
    for (const file of files) {
      if (file === 'template.json') continue;
      const match = hbsName.exec(file);
      if (match?.[1]) templates.set(match[1], read(`${name}/${file}`));
      else problems.push({ code: 'template_missing', path: `${label}/${name}/${file}`, message: 'is not a template: name templates <language>.hbs, such as vi.hbs' });
    }
    documents.set(name, { meta: parsed.data, metaFile, templates });
  }
  return { layer: { documents, partials, manifest, manifestFile: manifestSource }, problems };
}
