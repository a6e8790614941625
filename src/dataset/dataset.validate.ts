import { Importance } from '../shared/enums';
import { SkillKind } from '../skill/skill.entity';
import { DATASET_FORMAT, DATASET_VERSION, ENTITY_LISTS, type Dataset, type EntityList } from './dataset.format';

/** One thing wrong with a dataset file, located by file and JSON path. */
export interface Problem {
  file: string;
  path: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Slugs that exist already (in the database or in other files loaded alongside). */
export type KnownSlugs = Record<EntityList, Set<string>>;

export function emptyKnownSlugs(): KnownSlugs {
  return { sources: new Set(), categories: new Set(), skills: new Set(), tools: new Set(), responsibilities: new Set(), roles: new Set() };
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

type Kind = 'slug' | 'text' | 'optionalText' | 'texts' | 'date' | 'url' | 'ref' | 'refs' | 'enum' | 'links';
interface FieldRule {
  kind: Kind;
  required?: boolean;
  /** For ref/refs: which list the slug must name. */
  target?: EntityList;
  values?: readonly string[];
  /** For links: the key naming the target, its list, and extra fields. */
  link?: { key: string; target: EntityList; importance?: boolean };
}

const sourcesRule: FieldRule = { kind: 'refs', target: 'sources', required: true };

/** The shape of every record, field by field; a key not listed here is a mistake. */
const RULES: Record<EntityList, Record<string, FieldRule>> = {
  sources: {
    slug: { kind: 'slug', required: true },
    title: { kind: 'text', required: true },
    publisher: { kind: 'optionalText' },
    author: { kind: 'optionalText' },
    publishedOn: { kind: 'date' },
    url: { kind: 'url' },
    version: { kind: 'optionalText' },
    licence: { kind: 'optionalText' },
    attribution: { kind: 'optionalText' },
    file: { kind: 'optionalText' },
  },
  categories: {
    slug: { kind: 'slug', required: true },
    name: { kind: 'text', required: true },
    description: { kind: 'optionalText' },
    parent: { kind: 'ref', target: 'categories' },
  },
  skills: {
    slug: { kind: 'slug', required: true },
    name: { kind: 'text', required: true },
    aliases: { kind: 'texts' },
    description: { kind: 'optionalText' },
    kind: { kind: 'enum', required: true, values: Object.values(SkillKind) },
    category: { kind: 'ref', target: 'categories' },
    sources: sourcesRule,
    tools: { kind: 'links', link: { key: 'tool', target: 'tools' } },
  },
  tools: {
    slug: { kind: 'slug', required: true },
    name: { kind: 'text', required: true },
    aliases: { kind: 'texts' },
    description: { kind: 'optionalText' },
    category: { kind: 'ref', target: 'categories' },
    sources: sourcesRule,
  },
  responsibilities: {
    slug: { kind: 'slug', required: true },
    name: { kind: 'text', required: true },
    description: { kind: 'optionalText' },
    sources: sourcesRule,
    skills: { kind: 'links', link: { key: 'skill', target: 'skills' } },
  },
  roles: {
    slug: { kind: 'slug', required: true },
    name: { kind: 'text', required: true },
    aliases: { kind: 'texts' },
    summary: { kind: 'optionalText' },
    broader: { kind: 'ref', target: 'roles' },
    sources: sourcesRule,
    collaboratesWith: { kind: 'links', link: { key: 'role', target: 'roles' } },
    responsibilities: { kind: 'links', link: { key: 'responsibility', target: 'responsibilities' } },
    skills: { kind: 'links', link: { key: 'skill', target: 'skills', importance: true } },
    tools: { kind: 'links', link: { key: 'tool', target: 'tools', importance: true } },
  },
};

const SINGULAR: Record<EntityList, string> = {
  sources: 'source',
  categories: 'category',
  skills: 'skill',
  tools: 'tool',
  responsibilities: 'responsibility',
  roles: 'role',
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a parsed dataset completely and returns every problem found (an empty list when it is
 * valid): shape, slugs, duplicates, references to unknown slugs, and cycles in the hierarchies.
 * `known` holds slugs that already exist outside this file.
 */
export function validateDataset(data: unknown, file: string, known: KnownSlugs = emptyKnownSlugs()): Problem[] {
  const problems: Problem[] = [];
  const report = (path: string, message: string) => problems.push({ file, path, message });

  if (!isObject(data)) {
    report('', 'the file must hold one JSON object with "format", "version" and entity lists');
    return problems;
  }
  if (data.format !== DATASET_FORMAT) report('format', `must be "${DATASET_FORMAT}", got ${JSON.stringify(data.format)}`);
  if (data.version !== DATASET_VERSION) report('version', `must be ${DATASET_VERSION}, got ${JSON.stringify(data.version)}`);
  for (const key of Object.keys(data)) {
    if (key !== 'format' && key !== 'version' && key !== '$schema' && !(ENTITY_LISTS as readonly string[]).includes(key)) {
      report(key, `unknown key; expected one of format, version, ${ENTITY_LISTS.join(', ')}`);
    }
  }

  // Slugs defined by this file, so references can point forward or at other files/the database.
  const defined = emptyKnownSlugs();
  for (const list of ENTITY_LISTS) {
    const items = data[list];
    if (items === undefined) continue;
    if (!Array.isArray(items)) {
      report(list, 'must be a list');
      continue;
    }
    items.forEach((item, i) => {
      if (isObject(item) && typeof item.slug === 'string') {
        if (defined[list].has(item.slug)) report(`${list}[${i}].slug`, `duplicate ${SINGULAR[list]} slug "${item.slug}"`);
        defined[list].add(item.slug);
      }
    });
  }
  const exists = (list: EntityList, slug: string) => defined[list].has(slug) || known[list].has(slug);

  for (const list of ENTITY_LISTS) {
    const items = data[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item, i) => {
      const at = `${list}[${i}]`;
      if (!isObject(item)) {
        report(at, `must be an object describing a ${SINGULAR[list]}`);
        return;
      }
      const rules = RULES[list];
      for (const key of Object.keys(item)) {
        if (!(key in rules)) report(`${at}.${key}`, `unknown field; a ${SINGULAR[list]} has ${Object.keys(rules).join(', ')}`);
      }
      for (const [key, rule] of Object.entries(rules)) {
        checkField(item[key], `${at}.${key}`, rule, report, exists);
      }
    });
  }

  checkCycles(data.categories, 'categories', 'parent', report);
  checkCycles(data.roles, 'roles', 'broader', report);
  return problems;
}

function checkField(
  value: unknown,
  path: string,
  rule: FieldRule,
  report: (path: string, message: string) => void,
  exists: (list: EntityList, slug: string) => boolean,
): void {
  if (value === undefined || value === null) {
    if (rule.required) report(path, 'is required');
    return;
  }
  const refCheck = (slug: unknown, at: string, target: EntityList) => {
    if (typeof slug !== 'string' || !SLUG.test(slug)) report(at, `must be a ${SINGULAR[target]} slug, got ${JSON.stringify(slug)}`);
    else if (!exists(target, slug)) report(at, `unknown ${SINGULAR[target]} slug "${slug}"`);
  };
  switch (rule.kind) {
    case 'slug':
      if (typeof value !== 'string' || !SLUG.test(value)) report(path, `must be lowercase kebab-case (like "ruby-on-rails"), got ${JSON.stringify(value)}`);
      return;
    case 'text':
      if (typeof value !== 'string' || !value.trim()) report(path, 'must be a non-empty string');
      return;
    case 'optionalText':
      if (typeof value !== 'string') report(path, 'must be a string');
      return;
    case 'texts':
      if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim())) report(path, 'must be a list of non-empty strings');
      else if (new Set(value.map((v: string) => v.toLowerCase())).size !== value.length) report(path, 'lists the same alias twice');
      return;
    case 'date':
      if (typeof value !== 'string' || !DATE.test(value) || Number.isNaN(Date.parse(value))) report(path, `must be a date as YYYY-MM-DD, got ${JSON.stringify(value)}`);
      return;
    case 'url':
      if (typeof value !== 'string' || !/^https?:\/\/\S+$/.test(value)) report(path, `must be an http(s) URL, got ${JSON.stringify(value)}`);
      return;
    case 'enum':
      if (typeof value !== 'string' || !rule.values!.includes(value)) report(path, `must be one of ${rule.values!.join(', ')}, got ${JSON.stringify(value)}`);
      return;
    case 'ref':
      refCheck(value, path, rule.target!);
      return;
    case 'refs':
      if (!Array.isArray(value) || value.length === 0) {
        report(path, `must be a non-empty list of ${SINGULAR[rule.target!]} slugs`);
        return;
      }
      value.forEach((slug, j) => refCheck(slug, `${path}[${j}]`, rule.target!));
      if (new Set(value).size !== value.length) report(path, 'lists the same source twice');
      return;
    case 'links': {
      const link = rule.link!;
      if (!Array.isArray(value)) {
        report(path, `must be a list of links like { "${link.key}": "<slug>", "sources": [...] }`);
        return;
      }
      const seen = new Set<string>();
      value.forEach((entry, j) => {
        const at = `${path}[${j}]`;
        if (!isObject(entry)) {
          report(at, `must be an object like { "${link.key}": "<slug>", "sources": [...] }`);
          return;
        }
        const allowed = [link.key, 'sources', ...(link.importance ? ['importance'] : [])];
        for (const key of Object.keys(entry)) if (!allowed.includes(key)) report(`${at}.${key}`, `unknown field; a link has ${allowed.join(', ')}`);
        checkField(entry[link.key], `${at}.${link.key}`, { kind: 'ref', target: link.target, required: true }, report, exists);
        checkField(entry.sources, `${at}.sources`, sourcesRule, report, exists);
        if (link.importance) {
          checkField(entry.importance, `${at}.importance`, { kind: 'enum', required: true, values: Object.values(Importance) }, report, exists);
        }
        const target = entry[link.key];
        if (typeof target === 'string') {
          if (seen.has(target)) report(`${at}.${link.key}`, `links to "${target}" twice`);
          seen.add(target);
        }
      });
      return;
    }
  }
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
        report(`${list}[${i}].${key}`, `"${item.slug}" is its own ${key === 'parent' ? 'ancestor' : 'broader role'} (cycle through "${current}")`);
        return;
      }
      seen.add(current);
      current = parentOf.get(current);
    }
  });
}

/** Narrows a validated value to the Dataset type. */
export function asDataset(data: unknown): Dataset {
  return data as Dataset;
}
