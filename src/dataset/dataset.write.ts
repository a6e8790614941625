import type { EntityManager } from 'typeorm';
import type { CitationSubject } from '../source/citation.entity';
import type { Dataset, LinkRecord } from './dataset.format';

const CHUNK = 400;

/** `?, ?, ?` for an IN list. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

/** Inserts rows in chunks; `conflict` turns it into an upsert on those columns. */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  conflict?: { on: readonly string[]; update: readonly string[] },
): Promise<void> {
  const quoted = columns.map((c) => `"${c}"`).join(', ');
  const onConflict = conflict
    ? conflict.update.length
      ? ` ON CONFLICT (${conflict.on.map((c) => `"${c}"`).join(', ')}) DO UPDATE SET ${conflict.update.map((c) => `"${c}" = excluded."${c}"`).join(', ')}`
      : ` ON CONFLICT DO NOTHING`
    : '';
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = chunk.map(() => `(${placeholders(columns.length)})`).join(', ');
    await manager.query(`INSERT INTO "${table}" (${quoted}) VALUES ${values}${onConflict}`, chunk.flat());
  }
}

/** Updates rows by id: each row is [id, ...values of columns], one statement per chunk. */
export async function updateRows(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<void> {
  const set = columns.map((column, i) => `"${column}" = v.column${i + 2}`).join(', ');
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = chunk.map(() => `(${placeholders(columns.length + 1)})`).join(', ');
    await manager.query(`UPDATE "${table}" SET ${set} FROM (VALUES ${values}) AS v WHERE "${table}"."id" = v.column1`, chunk.flat());
  }
}

/**
 * Upserts by slug without `INSERT ... ON CONFLICT`: SQLite advances an AUTOINCREMENT counter
 * on every attempted insert, so an upsert of unchanged rows would still change the database.
 * Existing slugs are updated in place, new ones inserted; loading the same data twice is a no-op.
 */
async function upsertBySlug(
  manager: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
): Promise<Map<string, number>> {
  const ids = await idsBySlug(manager, table);
  const fresh = rows.filter((row) => !ids.has(row[0] as string));
  const existing = rows.filter((row) => ids.has(row[0] as string)).map((row) => [ids.get(row[0] as string)!, ...row.slice(1)]);
  await updateRows(manager, table, columns.slice(1), existing);
  await insertRows(manager, table, columns, fresh);
  return fresh.length ? idsBySlug(manager, table) : ids;
}

/** slug → row id for a whole table. */
async function idsBySlug(manager: EntityManager, table: string): Promise<Map<string, number>> {
  const rows: { id: number; slug: string }[] = await manager.query(`SELECT "id", "slug" FROM "${table}"`);
  return new Map(rows.map((r) => [r.slug, Number(r.id)]));
}

/** Replaces the citations of the given subjects with the listed sources. */
async function replaceCitations(
  manager: EntityManager,
  subjectType: CitationSubject,
  cited: { subjectId: number; sources: readonly string[] }[],
  sourceIds: Map<string, number>,
): Promise<void> {
  const ids = cited.map((c) => c.subjectId);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await manager.query(`DELETE FROM "citation" WHERE "subjectType" = ? AND "subjectId" IN (${placeholders(chunk.length)})`, [
      subjectType,
      ...chunk,
    ]);
  }
  const rows = cited.flatMap((c) => c.sources.map((s) => [subjectType, c.subjectId, sourceIds.get(s)!]));
  await insertRows(manager, 'citation', ['subjectType', 'subjectId', 'sourceId'], rows, { on: [], update: [] });
}

interface LinkTable {
  table: string;
  subject: CitationSubject;
  ownerColumn: string;
  targetColumn: string;
  extras?: readonly string[];
}

/**
 * Makes the links of the given owners exactly the listed ones: upserts what is listed, deletes
 * what is no longer listed (and its citations), and replaces the citations of every listed link.
 * Link row ids survive a reload, so loading the same file twice changes nothing.
 */
async function replaceLinks(
  manager: EntityManager,
  spec: LinkTable,
  owners: readonly number[],
  links: { owner: number; target: number; extras: unknown[]; sources: readonly string[] }[],
  sourceIds: Map<string, number>,
): Promise<void> {
  if (owners.length === 0) return;
  const extras = spec.extras ?? [];
  const existing: { id: number; owner: number; target: number }[] = [];
  for (let i = 0; i < owners.length; i += CHUNK) {
    const chunk = owners.slice(i, i + CHUNK);
    existing.push(
      ...(await manager.query(
        `SELECT "id", "${spec.ownerColumn}" AS "owner", "${spec.targetColumn}" AS "target" FROM "${spec.table}" WHERE "${spec.ownerColumn}" IN (${placeholders(chunk.length)})`,
        chunk,
      )),
    );
  }
  const known = new Map(existing.map((row) => [`${row.owner}:${row.target}`, Number(row.id)]));
  const wanted = new Set(links.map((l) => `${l.owner}:${l.target}`));
  const stale = existing.filter((row) => !wanted.has(`${row.owner}:${row.target}`)).map((row) => Number(row.id));
  for (let i = 0; i < stale.length; i += CHUNK) {
    const chunk = stale.slice(i, i + CHUNK);
    await manager.query(`DELETE FROM "citation" WHERE "subjectType" = ? AND "subjectId" IN (${placeholders(chunk.length)})`, [
      spec.subject,
      ...chunk,
    ]);
    await manager.query(`DELETE FROM "${spec.table}" WHERE "id" IN (${placeholders(chunk.length)})`, chunk);
  }
  if (extras.length) {
    const updates = links
      .filter((l) => known.has(`${l.owner}:${l.target}`))
      .map((l) => [known.get(`${l.owner}:${l.target}`)!, ...l.extras]);
    await updateRows(manager, spec.table, extras, updates);
  }
  const fresh = links.filter((l) => !known.has(`${l.owner}:${l.target}`));
  await insertRows(
    manager,
    spec.table,
    [spec.ownerColumn, spec.targetColumn, ...extras],
    fresh.map((l) => [l.owner, l.target, ...l.extras]),
  );
  if (fresh.length) {
    for (let i = 0; i < owners.length; i += CHUNK) {
      const chunk = owners.slice(i, i + CHUNK);
      const rows: { id: number; owner: number; target: number }[] = await manager.query(
        `SELECT "id", "${spec.ownerColumn}" AS "owner", "${spec.targetColumn}" AS "target" FROM "${spec.table}" WHERE "${spec.ownerColumn}" IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const row of rows) known.set(`${row.owner}:${row.target}`, Number(row.id));
    }
  }
  await replaceCitations(
    manager,
    spec.subject,
    links.map((l) => ({ subjectId: known.get(`${l.owner}:${l.target}`)!, sources: l.sources })),
    sourceIds,
  );
}

/** Collects one link list across a dataset's records, resolving slugs to row ids. */
function collectLinks<R extends { slug: string }, L extends LinkRecord>(
  records: readonly R[],
  listOf: (record: R) => L[] | undefined,
  ownerIds: Map<string, number>,
  targetOf: (link: L) => string,
  targetIds: Map<string, number>,
  extrasOf: (link: L) => unknown[] = () => [],
) {
  const owners: number[] = [];
  const links: { owner: number; target: number; extras: unknown[]; sources: readonly string[] }[] = [];
  for (const record of records) {
    const list = listOf(record);
    if (list === undefined) continue;
    const owner = ownerIds.get(record.slug)!;
    owners.push(owner);
    for (const link of list) links.push({ owner, target: targetIds.get(targetOf(link))!, extras: extrasOf(link), sources: link.sources });
  }
  return { owners, links };
}

const json = (value: readonly string[] | undefined) => JSON.stringify(value ?? []);

/**
 * Writes a validated dataset: an upsert by slug of every record, then the links and citations
 * each record owns. Runs inside the caller's transaction; a record describes its entity fully,
 * so a missing optional field is stored as empty.
 */
export async function writeDataset(manager: EntityManager, data: Dataset, onProgress: (step: string) => void = () => {}): Promise<void> {
  const sources = data.sources ?? [];
  const categories = data.categories ?? [];
  const skills = data.skills ?? [];
  const tools = data.tools ?? [];
  const responsibilities = data.responsibilities ?? [];
  const roles = data.roles ?? [];

  const sourceColumns = [
    'slug',
    'title',
    'publisher',
    'author',
    'publishedOn',
    'url',
    'version',
    'licence',
    'attribution',
    'file',
  ] as const;
  const sourceIds = await upsertBySlug(
    manager,
    'source',
    sourceColumns,
    sources.map((s) => sourceColumns.map((c) => (c === 'slug' || c === 'title' ? s[c] : (s[c] ?? null)))),
  );
  onProgress(`sources: ${sources.length}`);

  const categoryIds = await upsertBySlug(
    manager,
    'category',
    ['slug', 'name', 'description'],
    categories.map((c) => [c.slug, c.name, c.description ?? '']),
  );
  for (const c of categories) {
    await manager.query(`UPDATE "category" SET "parentId" = ? WHERE "slug" = ?`, [c.parent ? categoryIds.get(c.parent)! : null, c.slug]);
  }
  const categoryOf = (slug: string | null | undefined) => (slug ? categoryIds.get(slug)! : null);
  onProgress(`categories: ${categories.length}`);

  const skillIds = await upsertBySlug(
    manager,
    'skill',
    ['slug', 'name', 'aliases', 'description', 'kind', 'categoryId'],
    skills.map((s) => [s.slug, s.name, json(s.aliases), s.description ?? '', s.kind, categoryOf(s.category)]),
  );
  const toolIds = await upsertBySlug(
    manager,
    'tool',
    ['slug', 'name', 'aliases', 'description', 'kind', 'categoryId'],
    tools.map((t) => [t.slug, t.name, json(t.aliases), t.description ?? '', t.kind ?? 'TECHNOLOGY', categoryOf(t.category)]),
  );
  const responsibilityIds = await upsertBySlug(
    manager,
    'responsibility',
    ['slug', 'name', 'description'],
    responsibilities.map((r) => [r.slug, r.name, r.description ?? '']),
  );
  const roleIds = await upsertBySlug(
    manager,
    'role',
    ['slug', 'name', 'aliases', 'summary', 'externalCode', 'jobZone'],
    roles.map((r) => [r.slug, r.name, json(r.aliases), r.summary ?? '', r.externalCode ?? null, r.jobZone ?? null]),
  );
  for (const r of roles) {
    await manager.query(`UPDATE "role" SET "broaderId" = ? WHERE "id" = ?`, [
      r.broader ? roleIds.get(r.broader)! : null,
      roleIds.get(r.slug)!,
    ]);
  }

  onProgress(`skills, tools, responsibilities, roles: ${skills.length + tools.length + responsibilities.length + roles.length}`);

  const cite = <R extends { slug: string; sources: string[] }>(records: readonly R[], ids: Map<string, number>) =>
    records.map((r) => ({ subjectId: ids.get(r.slug)!, sources: r.sources }));
  await replaceCitations(manager, 'skill', cite(skills, skillIds), sourceIds);
  await replaceCitations(manager, 'tool', cite(tools, toolIds), sourceIds);
  await replaceCitations(manager, 'responsibility', cite(responsibilities, responsibilityIds), sourceIds);
  await replaceCitations(manager, 'role', cite(roles, roleIds), sourceIds);

  onProgress('entity citations');

  const skillTools = collectLinks(
    skills,
    (s) => s.tools,
    skillIds,
    (l) => l.tool,
    toolIds,
  );
  await replaceLinks(
    manager,
    { table: 'skill_tool', subject: 'skill_tool', ownerColumn: 'skillId', targetColumn: 'toolId' },
    skillTools.owners,
    skillTools.links,
    sourceIds,
  );

  const responsibilitySkills = collectLinks(
    responsibilities,
    (r) => r.skills,
    responsibilityIds,
    (l) => l.skill,
    skillIds,
  );
  await replaceLinks(
    manager,
    { table: 'responsibility_skill', subject: 'responsibility_skill', ownerColumn: 'responsibilityId', targetColumn: 'skillId' },
    responsibilitySkills.owners,
    responsibilitySkills.links,
    sourceIds,
  );

  const roleSkills = collectLinks(
    roles,
    (r) => r.skills,
    roleIds,
    (l) => l.skill,
    skillIds,
    (l) => [l.importance, l.importanceScore ?? null, l.level ?? null],
  );
  await replaceLinks(
    manager,
    {
      table: 'role_skill',
      subject: 'role_skill',
      ownerColumn: 'roleId',
      targetColumn: 'skillId',
      extras: ['importance', 'importanceScore', 'level'],
    },
    roleSkills.owners,
    roleSkills.links,
    sourceIds,
  );

  const flag = (value: boolean | null | undefined) => (value === null || value === undefined ? null : value ? 1 : 0);
  const roleTools = collectLinks(
    roles,
    (r) => r.tools,
    roleIds,
    (l) => l.tool,
    toolIds,
    (l) => [l.importance, flag(l.hotTechnology), flag(l.inDemand)],
  );
  await replaceLinks(
    manager,
    {
      table: 'role_tool',
      subject: 'role_tool',
      ownerColumn: 'roleId',
      targetColumn: 'toolId',
      extras: ['importance', 'hotTechnology', 'inDemand'],
    },
    roleTools.owners,
    roleTools.links,
    sourceIds,
  );

  const roleResponsibilities = collectLinks(
    roles,
    (r) => r.responsibilities,
    roleIds,
    (l) => l.responsibility,
    responsibilityIds,
    (l) => [l.importance ?? null],
  );
  await replaceLinks(
    manager,
    {
      table: 'role_responsibility',
      subject: 'role_responsibility',
      ownerColumn: 'roleId',
      targetColumn: 'responsibilityId',
      extras: ['importance'],
    },
    roleResponsibilities.owners,
    roleResponsibilities.links,
    sourceIds,
  );

  const relatedRoles = collectLinks(
    roles,
    (r) => r.relatedRoles,
    roleIds,
    (l) => l.role,
    roleIds,
    (l) => [l.tier, l.rank],
  );
  await replaceLinks(
    manager,
    { table: 'role_related', subject: 'role_related', ownerColumn: 'roleId', targetColumn: 'relatedRoleId', extras: ['tier', 'rank'] },
    relatedRoles.owners,
    relatedRoles.links,
    sourceIds,
  );

  await writeCollaborations(manager, roles, roleIds, sourceIds);
  onProgress('links and their citations');
}

/**
 * Collaboration is symmetric and stored once per pair (lower row id first). The pairs touching a
 * role whose record lists `collaboratesWith` become exactly the pairs the dataset lists.
 */
async function writeCollaborations(
  manager: EntityManager,
  roles: NonNullable<Dataset['roles']>,
  roleIds: Map<string, number>,
  sourceIds: Map<string, number>,
): Promise<void> {
  const owners = new Set<number>();
  const pairs = new Map<string, { a: number; b: number; sources: Set<string> }>();
  for (const role of roles) {
    if (!role.collaboratesWith) continue;
    const self = roleIds.get(role.slug)!;
    owners.add(self);
    for (const link of role.collaboratesWith) {
      const other = roleIds.get(link.role)!;
      const [a, b] = self < other ? [self, other] : [other, self];
      const key = `${a}:${b}`;
      const pair = pairs.get(key) ?? { a, b, sources: new Set<string>() };
      link.sources.forEach((s) => pair.sources.add(s));
      pairs.set(key, pair);
    }
  }
  if (owners.size === 0) return;
  const list = [...pairs.values()];
  const ownerList = [...owners];
  const touching = async (): Promise<{ id: number; a: number; b: number }[]> =>
    manager.query(
      `SELECT "id", "roleId" AS "a", "otherRoleId" AS "b" FROM "role_collaboration"
       WHERE "roleId" IN (${placeholders(ownerList.length)}) OR "otherRoleId" IN (${placeholders(ownerList.length)})`,
      [...ownerList, ...ownerList],
    );
  let existing = await touching();
  const present = new Set(existing.map((row) => `${row.a}:${row.b}`));
  const fresh = list.filter((p) => !present.has(`${p.a}:${p.b}`));
  if (fresh.length) {
    await insertRows(
      manager,
      'role_collaboration',
      ['roleId', 'otherRoleId'],
      fresh.map((p) => [p.a, p.b]),
    );
    existing = await touching();
  }
  const stale = existing.filter((row) => !pairs.has(`${row.a}:${row.b}`)).map((row) => Number(row.id));
  if (stale.length) {
    await manager.query(
      `DELETE FROM "citation" WHERE "subjectType" = 'role_collaboration' AND "subjectId" IN (${placeholders(stale.length)})`,
      stale,
    );
    await manager.query(`DELETE FROM "role_collaboration" WHERE "id" IN (${placeholders(stale.length)})`, stale);
  }
  const idOf = new Map(existing.map((row) => [`${row.a}:${row.b}`, Number(row.id)]));
  await replaceCitations(
    manager,
    'role_collaboration',
    list.map((p) => ({ subjectId: idOf.get(`${p.a}:${p.b}`)!, sources: [...p.sources] })),
    sourceIds,
  );
}
