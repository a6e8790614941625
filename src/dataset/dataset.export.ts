import type { DataSource } from 'typeorm';
import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from './dataset.format';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows from hand-written SQL; each column is converted where it is read.
type Row = Record<string, any>;

const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);
const byKey =
  <T>(key: keyof T) =>
  (a: T, b: T) =>
    String(a[key]) < String(b[key]) ? -1 : String(a[key]) > String(b[key]) ? 1 : 0;
const flag = (value: unknown) => (value === null || value === undefined ? null : Boolean(value));

/** Drops null and undefined fields, so exports list only what is known. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== null && v !== undefined)) as T;
}

/**
 * Reads the whole database as one dataset in the interchange format. Everything is ordered by
 * slug (entities, links, sources), so the same data always serialises to the same bytes: an
 * export imported into an empty database exports identically.
 */
export async function exportDataset(dataSource: DataSource): Promise<Dataset> {
  const q = (sql: string): Promise<Row[]> => dataSource.query(sql);
  const citations = new Map<string, string[]>();
  for (const row of await q(
    `SELECT c."subjectType" AS t, c."subjectId" AS id, s."slug" AS slug FROM "citation" c JOIN "source" s ON s."id" = c."sourceId"`,
  )) {
    const key = `${row.t}:${row.id}`;
    const list = citations.get(key);
    if (list) list.push(row.slug);
    else citations.set(key, [row.slug]);
  }
  const cited = (type: string, id: number) => (citations.get(`${type}:${id}`) ?? []).sort();

  /** Link rows grouped by owner row id, each turned into a record and sorted by target slug. */
  const group = async <L>(sql: string, toLink: (row: Row) => L, key: keyof L) => {
    const map = new Map<number, L[]>();
    for (const row of await q(sql)) {
      const list = map.get(row.owner) ?? [];
      list.push(toLink(row));
      map.set(row.owner, list);
    }
    for (const list of map.values()) list.sort(byKey(key));
    return (owner: number) => map.get(owner) ?? [];
  };

  const sources = (await q(`SELECT * FROM "source"`)).map((s) =>
    compact({
      slug: s.slug,
      title: s.title,
      publisher: s.publisher,
      author: s.author,
      publishedOn: s.publishedOn,
      url: s.url,
      version: s.version,
      licence: s.licence,
      attribution: s.attribution,
      file: s.file,
    }),
  );

  const categories = (await q(`SELECT c.*, p."slug" AS parentSlug FROM "category" c LEFT JOIN "category" p ON p."id" = c."parentId"`)).map(
    (c) => compact({ slug: c.slug, name: c.name, description: c.description, parent: c.parentSlug }),
  );

  const skillTools = await group(
    `SELECT l."id", l."skillId" AS owner, t."slug" AS target FROM "skill_tool" l JOIN "tool" t ON t."id" = l."toolId"`,
    (r) => ({ tool: r.target as string, sources: cited('skill_tool', r.id) }),
    'tool',
  );
  const skills = (await q(`SELECT s.*, c."slug" AS categorySlug FROM "skill" s LEFT JOIN "category" c ON c."id" = s."categoryId"`)).map(
    (s) =>
      compact({
        slug: s.slug,
        name: s.name,
        aliases: JSON.parse(s.aliases),
        description: s.description,
        kind: s.kind,
        category: s.categorySlug,
        sources: cited('skill', s.id),
        tools: skillTools(s.id),
      }),
  );

  const tools = (await q(`SELECT t.*, c."slug" AS categorySlug FROM "tool" t LEFT JOIN "category" c ON c."id" = t."categoryId"`)).map((t) =>
    compact({
      slug: t.slug,
      name: t.name,
      aliases: JSON.parse(t.aliases),
      description: t.description,
      kind: t.kind,
      category: t.categorySlug,
      sources: cited('tool', t.id),
    }),
  );

  const responsibilitySkills = await group(
    `SELECT l."id", l."responsibilityId" AS owner, s."slug" AS target FROM "responsibility_skill" l JOIN "skill" s ON s."id" = l."skillId"`,
    (r) => ({ skill: r.target as string, sources: cited('responsibility_skill', r.id) }),
    'skill',
  );
  const responsibilities = (await q(`SELECT * FROM "responsibility"`)).map((r) =>
    compact({
      slug: r.slug,
      name: r.name,
      description: r.description,
      sources: cited('responsibility', r.id),
      skills: responsibilitySkills(r.id),
    }),
  );

  const roleSkills = await group(
    `SELECT l.*, l."roleId" AS owner, s."slug" AS target FROM "role_skill" l JOIN "skill" s ON s."id" = l."skillId"`,
    (r) =>
      compact({
        skill: r.target as string,
        importance: r.importance,
        importanceScore: r.importanceScore,
        level: r.level,
        sources: cited('role_skill', r.id),
      }),
    'skill',
  );
  const roleTools = await group(
    `SELECT l.*, l."roleId" AS owner, t."slug" AS target FROM "role_tool" l JOIN "tool" t ON t."id" = l."toolId"`,
    (r) =>
      compact({
        tool: r.target as string,
        importance: r.importance,
        hotTechnology: flag(r.hotTechnology),
        inDemand: flag(r.inDemand),
        sources: cited('role_tool', r.id),
      }),
    'tool',
  );
  const roleResponsibilities = await group(
    `SELECT l.*, l."roleId" AS owner, x."slug" AS target FROM "role_responsibility" l JOIN "responsibility" x ON x."id" = l."responsibilityId"`,
    (r) => compact({ responsibility: r.target as string, importance: r.importance, sources: cited('role_responsibility', r.id) }),
    'responsibility',
  );
  const relatedRoles = await group(
    `SELECT l.*, l."roleId" AS owner, x."slug" AS target FROM "role_related" l JOIN "role" x ON x."id" = l."relatedRoleId"`,
    (r) => ({ role: r.target as string, tier: r.tier as string, rank: Number(r.rank), sources: cited('role_related', r.id) }),
    'role',
  );
  // A collaboration is listed once, on the role whose slug sorts first.
  const collaborations = await group(
    `SELECT l."id", CASE WHEN a."slug" < b."slug" THEN a."id" ELSE b."id" END AS owner,
            CASE WHEN a."slug" < b."slug" THEN b."slug" ELSE a."slug" END AS target
     FROM "role_collaboration" l JOIN "role" a ON a."id" = l."roleId" JOIN "role" b ON b."id" = l."otherRoleId"`,
    (r) => ({ role: r.target as string, sources: cited('role_collaboration', r.id) }),
    'role',
  );
  const roles = (await q(`SELECT r.*, b."slug" AS broaderSlug FROM "role" r LEFT JOIN "role" b ON b."id" = r."broaderId"`)).map((r) =>
    compact({
      slug: r.slug,
      name: r.name,
      aliases: JSON.parse(r.aliases),
      summary: r.summary,
      externalCode: r.externalCode,
      jobZone: r.jobZone,
      broader: r.broaderSlug,
      sources: cited('role', r.id),
      collaboratesWith: collaborations(r.id),
      responsibilities: roleResponsibilities(r.id),
      skills: roleSkills(r.id),
      tools: roleTools(r.id),
      relatedRoles: relatedRoles(r.id),
    }),
  );

  return {
    format: DATASET_FORMAT,
    version: DATASET_VERSION,
    sources: sources.sort(bySlug),
    categories: categories.sort(bySlug),
    skills: skills.sort(bySlug),
    tools: tools.sort(bySlug),
    responsibilities: responsibilities.sort(bySlug),
    roles: roles.sort(bySlug),
  };
}

/** The bytes of an export: two-space JSON and a final newline. */
export function serializeDataset(dataset: Dataset): string {
  return `${JSON.stringify(dataset, null, 2)}\n`;
}
