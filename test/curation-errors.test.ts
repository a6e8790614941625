import { toGlobalId } from '../src/shared/global-id';
import { NODE_TYPES, type NodeKey } from '../src/model/node-types';
import { linkRelationKeys, RELATIONS } from '../src/model/relations';
import { referenceFields } from '../src/dataset/dataset.mapping';
import { curatedServer, exportText } from './helpers/curator';

/*
 * Every mutation, derived from the model registry: its success path, and each userError it can
 * report, with the code and the input field it names. A refused mutation writes nothing: the
 * export is byte for byte what it was.
 */

const ERRORS = 'userErrors { field message code }';
const NO_SUCH = 'no-such-thing';
const keys = Object.keys(NODE_TYPES) as NodeKey[];
const upper = (text: string) => text[0].toUpperCase() + text.slice(1);
const hasAliases = (key: NodeKey) => ['role', 'skill', 'tool'].includes(key);
const isCited = (key: NodeKey) => NODE_TYPES[key].cited;

/** The fields a create of this type needs besides its name. */
const REQUIRED: Partial<Record<NodeKey, Record<string, unknown>>> = { skill: { kind: 'TECHNICAL' } };

/** A change to an entity's description-like field, for the update path. */
const UPDATE: Record<NodeKey, Record<string, unknown>> = {
  role: { summary: 'Changed by a test.' },
  responsibility: { description: 'Changed by a test.' },
  skill: { description: 'Changed by a test.' },
  tool: { description: 'Changed by a test.' },
  category: { description: 'Changed by a test.' },
  source: { publisher: 'Changed by a test' },
};

/** A seeded slug of each type, and (`other`) a fresh entity of a link's target type, linked to nothing. */
type Existing = Record<NodeKey, string> & { other: string };

/** A value of each kind of edge attribute, for the attributes a new link needs. */
const ATTRIBUTE_VALUES = { importance: 'OPTIONAL', real: 2.5, flag: true, integer: 3, text: 'Primary-Short' };

/** One bad input: the mutation, how to build its input from existing slugs, and the error expected. */
interface Case {
  name: string;
  mutation: string;
  input: (existing: Existing) => Record<string, unknown>;
  field: string[];
  code: string;
}

const named = (key: NodeKey, extra: Record<string, unknown> = {}) => ({
  [NODE_TYPES[key].nameColumn]: 'Test Entity',
  ...REQUIRED[key],
  ...extra,
});

const entityCases: Case[] = keys.flatMap((key): Case[] => {
  const type = NODE_TYPES[key].graphqlType;
  const nameColumn = NODE_TYPES[key].nameColumn;
  const cases: Case[] = [
    {
      name: `create${type} with a blank ${nameColumn}`,
      mutation: `create${type}`,
      input: () => named(key, { [nameColumn]: ' ' }),
      field: [nameColumn],
      code: 'INVALID',
    },
    {
      name: `create${type} with a taken slug`,
      mutation: `create${type}`,
      input: (e) => named(key, { slug: e[key] }),
      field: ['slug'],
      code: 'TAKEN',
    },
    {
      name: `create${type} with a malformed slug`,
      mutation: `create${type}`,
      input: () => named(key, { slug: 'Not A Slug' }),
      field: ['slug'],
      code: 'INVALID',
    },
    {
      name: `update${type} of an unknown slug`,
      mutation: `update${type}`,
      input: () => ({ slug: NO_SUCH, ...UPDATE[key] }),
      field: ['slug'],
      code: 'NOT_FOUND',
    },
    {
      name: `update${type} at a stale revision`,
      mutation: `update${type}`,
      input: (e) => ({ slug: e[key], expectedRevision: 999, ...UPDATE[key] }),
      field: ['expectedRevision'],
      code: 'CONFLICT',
    },
    {
      name: `delete${type} of an unknown slug`,
      mutation: `delete${type}`,
      input: () => ({ slug: NO_SUCH }),
      field: ['slug'],
      code: 'NOT_FOUND',
    },
    {
      name: `delete${type} at a stale revision`,
      mutation: `delete${type}`,
      input: (e) => ({ slug: e[key], expectedRevision: 999 }),
      field: ['expectedRevision'],
      code: 'CONFLICT',
    },
  ];
  if (isCited(key)) {
    cases.push({
      name: `create${type} citing an unknown source`,
      mutation: `create${type}`,
      input: () => named(key, { sources: [NO_SUCH] }),
      field: ['sources', '0'],
      code: 'NOT_FOUND',
    });
  }
  for (const reference of referenceFields(key)) {
    cases.push({
      name: `create${type} naming an unknown ${reference.field}`,
      mutation: `create${type}`,
      input: () => named(key, { [reference.field]: NO_SUCH }),
      field: [reference.field],
      code: 'NOT_FOUND',
    });
    if (reference.target === key) {
      cases.push({
        name: `update${type} making itself its own ${reference.field}`,
        mutation: `update${type}`,
        input: (e) => ({ slug: e[key], [reference.field]: e[key] }),
        field: [reference.field],
        code: 'INVALID',
      });
    }
  }
  if (hasAliases(key)) {
    for (const mutation of ['addAliases', 'removeAliases']) {
      cases.push(
        {
          name: `${mutation} on an id that is not a ${type}'s`,
          mutation,
          input: (e) => ({ id: toGlobalId('Category', e.category), aliases: ['x'] }),
          field: ['id'],
          code: 'INVALID',
        },
        {
          name: `${mutation} on a ${type} at a stale revision`,
          mutation,
          input: (e) => ({ id: toGlobalId(type, e[key]), aliases: ['x'], expectedRevision: 999 }),
          field: ['expectedRevision'],
          code: 'CONFLICT',
        },
      );
    }
  }
  return cases;
});

const linkCases: Case[] = linkRelationKeys.flatMap((relation): Case[] => {
  const spec = RELATIONS[relation];
  const name = upper(relation);
  const [from, to] = [spec.from.column.replace(/Id$/, ''), spec.to.column.replace(/Id$/, '')];
  const required = Object.fromEntries(spec.attributes.filter((a) => !a.nullable).map((a) => [a.column, ATTRIBUTE_VALUES[a.kind]]));
  const pair = (e: Existing, other: string) => ({ [from]: e[spec.from.type as NodeKey], [to]: other, ...required });
  const cases: Case[] = [
    {
      name: `link${name} from an unknown ${from}`,
      mutation: `link${name}`,
      input: (e) => ({ ...pair(e, e[spec.to.type as NodeKey]), [from]: NO_SUCH }),
      field: [from],
      code: 'NOT_FOUND',
    },
    { name: `link${name} to an unknown ${to}`, mutation: `link${name}`, input: (e) => pair(e, NO_SUCH), field: [to], code: 'NOT_FOUND' },
    {
      name: `link${name} citing an unknown source`,
      mutation: `link${name}`,
      input: (e) => ({ ...pair(e, e.other), sources: [NO_SUCH] }),
      field: ['sources', '0'],
      code: 'NOT_FOUND',
    },
    {
      name: `unlink${name} of a pair that is not linked`,
      mutation: `unlink${name}`,
      input: (e) => ({ [from]: e[spec.from.type as NodeKey], [to]: e.other }),
      field: [to],
      code: 'NOT_FOUND',
    },
  ];
  if (spec.from.type === spec.to.type) {
    cases.push({
      name: `link${name} of a ${from} with itself`,
      mutation: `link${name}`,
      input: (e) => pair(e, e[spec.from.type as NodeKey]),
      field: [to],
      code: 'INVALID',
    });
  }
  for (const attribute of spec.attributes.filter((a) => !a.nullable)) {
    cases.push({
      name: `link${name} of a new pair without ${attribute.column}`,
      mutation: `link${name}`,
      input: (e) => ({ [from]: e[spec.from.type as NodeKey], [to]: e.other }),
      field: [attribute.column],
      code: 'INVALID',
    });
  }
  return cases;
});

describe('every mutation', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  const existing = {} as Existing;
  beforeAll(async () => {
    world = await curatedServer({ responseCachePollMs: 0 });
    for (const key of keys) {
      const list = NODE_TYPES[key].datasetList;
      const { data } = await world.anonymous.query(`{ ${list}(first: 1) { nodes { slug } } }`);
      existing[key] = data[list].nodes[0].slug;
    }
  });
  afterAll(() => world.stop());

  describe('refuses each bad input with a userError at its field, and writes nothing', () => {
    const cases = [...entityCases, ...linkCases];

    it('covers the error paths of every entity type and every link relation', () => {
      const mutations = new Set(cases.map((c) => c.mutation));
      for (const key of keys)
        for (const verb of ['create', 'update', 'delete']) expect(mutations).toContain(`${verb}${NODE_TYPES[key].graphqlType}`);
      for (const relation of linkRelationKeys)
        for (const verb of ['link', 'unlink']) expect(mutations).toContain(`${verb}${upper(relation)}`);
    });

    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
      const spec = linkCases.includes(c) ? RELATIONS[linkRelationKeys.find((r) => c.mutation.endsWith(upper(r)))!] : null;
      if (spec) {
        // A fresh target, so the pair is certainly not linked yet.
        const type = NODE_TYPES[spec.to.type as NodeKey];
        const created = await world.writer.mutate(
          `create${type.graphqlType}`,
          named(spec.to.type as NodeKey, { [type.nameColumn]: `Fresh ${c.name}` }),
          `${spec.to.type} { slug } ${ERRORS}`,
        );
        existing.other = created[spec.to.type].slug;
      }
      const before = await exportText(world.dataSource);
      const payload = await world.writer.mutate(c.mutation, c.input(existing));
      expect(payload.userErrors).toEqual(expect.arrayContaining([expect.objectContaining({ field: ['input', ...c.field], code: c.code })]));
      for (const error of payload.userErrors) expect(error.message).toMatch(/\w{3,}/);
      expect(await exportText(world.dataSource)).toBe(before);
    });
  });

  describe.each(keys.map((key) => [NODE_TYPES[key].graphqlType, key] as const))('of a %s', (type, key) => {
    const field = key;

    it(`create${type}, update${type} and delete${type} succeed and say what they did`, async () => {
      const created = await world.writer.mutate(
        `create${type}`,
        named(key, { [NODE_TYPES[key].nameColumn]: `Round Trip ${type}` }),
        `${field} { slug revision } ${ERRORS}`,
      );
      expect(created.userErrors).toEqual([]);
      const slug = created[field].slug as string;
      expect(slug).toBe(`round-trip-${key}`);
      const changed = Object.keys(UPDATE[key])[0];
      const updated = await world.writer.mutate(
        `update${type}`,
        { slug, expectedRevision: created[field].revision, ...UPDATE[key] },
        `${field} { slug revision ${changed} } ${ERRORS}`,
      );
      expect(updated).toEqual({
        [field]: { slug, revision: created[field].revision + 1, [changed]: UPDATE[key][changed] },
        userErrors: [],
      });
      const deleted = await world.writer.mutate(`delete${type}`, { slug }, `deletedId ${ERRORS}`);
      expect(deleted).toEqual({ deletedId: toGlobalId(type, slug), userErrors: [] });
      const { data } = await world.anonymous.query(`{ ${key}(slug: "${slug}") { slug } }`);
      expect(data[key]).toBeNull();
    });
  });
});
