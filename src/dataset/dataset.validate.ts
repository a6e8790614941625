import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { ImportProblem } from '../import/import.errors';
import { NODE_TYPES, nodeKeyOfList } from '../model/node-types';
import { RELATIONS } from '../model/relations';
import { DATASET_SCHEMA } from './dataset.schema';
import { linkFields, referenceFields } from './dataset.mapping';
import { ENTITY_LISTS, type EntityList } from './dataset.format';

/** One thing wrong with a dataset file, located by file and JSON path ('' for the file as a whole). */
export interface Problem extends ImportProblem {
  path: string;
}

/** Slugs that exist already (in the database or in other files loaded alongside). */
export type KnownSlugs = Record<EntityList, Set<string>>;

export function emptyKnownSlugs(): KnownSlugs {
  return { sources: new Set(), categories: new Set(), skills: new Set(), tools: new Set(), responsibilities: new Set(), roles: new Set() };
}

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(
    // A copy: Ajv annotates the schema object it compiles, and the definition is shared.
    structuredClone(DATASET_SCHEMA),
  );
  return compiled;
}

/** `/roles/3/skills/2/skill` → `roles[3].skills[2].skill`. */
function toPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

const join2 = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** Turns one JSON Schema error into a sentence a person can act on. */
function describe(error: ErrorObject): { path: string; message: string } {
  const path = toPath(error.instancePath);
  const got = JSON.stringify(error.data);
  switch (error.keyword) {
    case 'required':
      return { path: join2(path, (error.params as { missingProperty: string }).missingProperty), message: 'is required' };
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return {
        path: join2(path, (error.params as { additionalProperty: string }).additionalProperty),
        message: `unknown field; allowed: ${allowed.join(', ')}`,
      };
    }
    case 'pattern':
      if ((error.params as { pattern: string }).pattern.startsWith('^[a-z0-9]')) {
        return { path, message: `must be a lowercase kebab-case slug (like "ruby-on-rails"), got ${got}` };
      }
      if ((error.params as { pattern: string }).pattern === '\\S') return { path, message: 'must not be blank' };
      return { path, message: `${error.message ?? 'is malformed'}, got ${got}` };
    case 'enum':
      return {
        path,
        message: `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}, got ${got}`,
      };
    case 'const':
      return { path, message: `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}, got ${got}` };
    case 'minItems':
      return { path, message: 'must list at least one item' };
    case 'uniqueItems':
      return { path, message: 'lists the same value twice' };
    default:
      return { path, message: `${error.message ?? 'is invalid'}${error.data === undefined ? '' : `, got ${got}`}` };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The singular of each list (`skills` → `skill`), for messages: its node type's key. */
const SINGULAR = Object.fromEntries(ENTITY_LISTS.map((list) => [list, nodeKeyOfList(list)])) as Record<EntityList, string>;

/** The slug references of each record, from the registry: plain fields and link lists (the key naming the target). */
const REFERENCES = Object.fromEntries(
  ENTITY_LISTS.map((list) => {
    const type = nodeKeyOfList(list);
    return [
      list,
      {
        fields: referenceFields(type).map((r): [string, EntityList] => [r.field, NODE_TYPES[r.target].datasetList]),
        links: linkFields(type).map((l): [string, string, EntityList] => [
          l.field,
          l.key,
          NODE_TYPES[RELATIONS[l.relation].to.type].datasetList,
        ]),
      },
    ];
  }),
) as Record<EntityList, { fields: [string, EntityList][]; links: [string, string, EntityList][] }>;

/**
 * Checks a parsed dataset completely and returns every problem found (an empty list when it is
 * valid): its shape against the committed JSON Schema, then what a schema cannot say: duplicate
 * slugs, references to slugs that exist nowhere, duplicate links, and cycles in the hierarchies.
 * `known` holds slugs that exist outside this file (the database, other files loaded alongside).
 * `knownCodes` holds the external codes roles hold in the database (code → slug): a role's code is
 * unique, so a code held by another role is a problem here rather than a failed write.
 */
export function validateDataset(
  data: unknown,
  file: string,
  known: KnownSlugs = emptyKnownSlugs(),
  knownCodes: ReadonlyMap<string, string> = new Map(),
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const report = (path: string, message: string) => {
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    problems.push({ file, path, message });
  };

  const validate = schemaValidator();
  if (!validate(data))
    for (const error of validate.errors ?? []) {
      const { path, message } = describe(error);
      report(path, message);
    }
  if (!isObject(data)) {
    if (problems.length === 0) report('', 'the file must hold one JSON object with "format", "version" and entity lists');
    return problems;
  }

  const defined = emptyKnownSlugs();
  for (const list of ENTITY_LISTS) {
    const items = data[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (!isObject(item) || typeof item.slug !== 'string') return;
      if (defined[list].has(item.slug)) report(`${list}[${i}].slug`, `duplicate ${SINGULAR[list]} slug "${item.slug}"`);
      defined[list].add(item.slug);
    });
  }
  const exists = (list: EntityList, slug: string) => defined[list].has(slug) || known[list].has(slug);
  const checkRef = (value: unknown, path: string, target: EntityList) => {
    if (typeof value === 'string' && !exists(target, value)) report(path, `unknown ${SINGULAR[target]} slug "${value}"`);
  };
  const checkSources = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((slug, j) => checkRef(slug, `${path}[${j}]`, 'sources'));
  };

  for (const list of ENTITY_LISTS) {
    const items = data[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      if (!isObject(item)) return;
      const at = `${list}[${i}]`;
      checkSources(item.sources, `${at}.sources`);
      for (const [field, target] of REFERENCES[list].fields) checkRef(item[field], `${at}.${field}`, target);
      for (const [field, key, target] of REFERENCES[list].links) {
        const links = item[field];
        if (!Array.isArray(links)) continue;
        const targets = new Set<string>();
        links.forEach((link, j) => {
          if (!isObject(link)) return;
          const path = `${at}.${field}[${j}]`;
          checkRef(link[key], `${path}.${key}`, target);
          checkSources(link.sources, `${path}.sources`);
          if (typeof link[key] === 'string') {
            if (targets.has(link[key])) report(`${path}.${key}`, `links to "${link[key]}" twice`);
            if (target === list && link[key] === item.slug) report(`${path}.${key}`, `links ${SINGULAR[list]} "${item.slug}" to itself`);
            targets.add(link[key]);
          }
        });
      }
    });
  }

  checkExternalCodes(data.roles, knownCodes, report);
  checkCycles(data.categories, 'categories', 'parent', report);
  checkCycles(data.roles, 'roles', 'broader', report);
  return problems;
}

/**
 * A role's external code (O*NET-SOC) is unique: twice in the file, or held in the database by a
 * role the file does not give another code, is a problem.
 */
function checkExternalCodes(
  items: unknown,
  knownCodes: ReadonlyMap<string, string>,
  report: (path: string, message: string) => void,
): void {
  if (!Array.isArray(items)) return;
  const codeOf = new Map<string, unknown>();
  items.forEach((item) => isObject(item) && typeof item.slug === 'string' && codeOf.set(item.slug, item.externalCode));
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    if (!isObject(item) || typeof item.slug !== 'string' || typeof item.externalCode !== 'string') return;
    const code = item.externalCode;
    const path = `roles[${i}].externalCode`;
    const earlier = first.get(code);
    if (earlier !== undefined) return report(path, `external code "${code}" is also the code of roles[${earlier}]; each role has its own`);
    first.set(code, i);
    const holder = knownCodes.get(code);
    if (holder !== undefined && holder !== item.slug && (!codeOf.has(holder) || codeOf.get(holder) === code)) {
      report(path, `external code "${code}" belongs to the role "${holder}" already; each role has its own`);
    }
  });
}

/** A category or role may not be its own ancestor. */
function checkCycles(items: unknown, list: EntityList, key: string, report: (path: string, message: string) => void): void {
  if (!Array.isArray(items)) return;
  const parentOf = new Map<string, string>();
  items.forEach((item) => {
    if (isObject(item) && typeof item.slug === 'string' && typeof item[key] === 'string') parentOf.set(item.slug, item[key] as string);
  });
  items.forEach((item, i) => {
    if (!isObject(item) || typeof item.slug !== 'string') return;
    const seen = new Set<string>([item.slug]);
    let current = parentOf.get(item.slug);
    while (current !== undefined) {
      if (seen.has(current)) {
        report(
          `${list}[${i}].${key}`,
          `"${item.slug}" is its own ${key === 'parent' ? 'ancestor' : 'broader role'} (cycle through "${current}")`,
        );
        return;
      }
      seen.add(current);
      current = parentOf.get(current);
    }
  });
}
