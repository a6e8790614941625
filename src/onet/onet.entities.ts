import type { EntityManager } from 'typeorm';
import { insertRows, updateRows } from '../dataset/dataset.write';
import { ToolKind } from '../tool/tool.entity';
import { writeCategories, type WantedCategory } from './onet.categories';
import type { OnetRelease, OnetToolUse } from './onet.release';
import { normaliseName, slugify } from './onet.slug';
import type { EntityCounts, OnetImportSummary } from './onet.summary';
import { syncEntities, type Citations, type DbRow, type EntityPlan } from './onet.write';

/** The one Source row every O*NET fact cites; a newer release updates it in place. */
export const ONET_SOURCE_SLUG = 'onet';

/** Upserts the `onet` Source by slug: a newer release rewrites its title, version and attribution. */
export async function writeSource(
  manager: EntityManager,
  release: OnetRelease,
): Promise<{ sourceId: number; source: OnetImportSummary['source'] }> {
  const values: Record<string, string | null> = {
    slug: ONET_SOURCE_SLUG,
    title: release.title,
    publisher: 'U.S. Department of Labor, Employment and Training Administration (USDOL/ETA)',
    author: null,
    publishedOn: null,
    url: 'https://www.onetcenter.org/database.html',
    version: release.version,
    licence: 'CC BY 4.0',
    attribution: release.attribution,
    file: null,
  };
  const columns = Object.keys(values);
  const [existing]: DbRow[] = await manager.query(`SELECT * FROM "source" WHERE "slug" = ?`, [ONET_SOURCE_SLUG]);
  if (!existing) {
    await insertRows(manager, 'source', columns, [columns.map((c) => values[c])]);
    const [row] = await manager.query(`SELECT "id" FROM "source" WHERE "slug" = ?`, [ONET_SOURCE_SLUG]);
    return { sourceId: Number(row.id), source: 'created' };
  }
  const changed = columns.filter((c) => existing[c] !== values[c]);
  if (changed.length) await updateRows(manager, 'source', changed, [[existing.id, ...changed.map((c) => values[c])]]);
  return { sourceId: Number(existing.id), source: changed.length ? 'updated' : 'unchanged' };
}

/** A slug not in `taken`: the base, else the base with -2, -3, …; the result is claimed. */
function freeSlug(base: string, taken: Set<string>): string {
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}

/**
 * Occupations become roles, matched by O*NET-SOC code so a re-import updates them in place. A new
 * role's slug is the kebab-case title; when two titles of the release share it, or another role
 * already has it, the code is appended (`software-developers-15-1252-00`). Slugs never change
 * after that, even when O*NET retitles the occupation.
 */
export async function writeRoles(manager: EntityManager, release: OnetRelease, citations: Citations) {
  const existing: DbRow[] = await manager.query(`SELECT "id", "slug", "name", "aliases", "summary", "externalCode", "jobZone" FROM "role"`);
  const byCode = new Map(existing.filter((r) => r.externalCode !== null).map((r) => [r.externalCode as string, r]));
  const taken = new Set(existing.map((r) => r.slug as string));
  const titleSlugs = new Map<string, number>();
  for (const o of release.occupations) titleSlugs.set(slugify(o.title), (titleSlugs.get(slugify(o.title)) ?? 0) + 1);

  const planOf = new Map<string, EntityPlan>();
  for (const o of release.occupations) {
    const match = byCode.get(o.code);
    const base = slugify(o.title);
    const slug = match ? match.slug : freeSlug(titleSlugs.get(base)! > 1 || taken.has(base) ? `${base}-${slugify(o.code)}` : base, taken);
    planOf.set(o.code, {
      existing: match,
      values: { slug, name: o.title, aliases: JSON.stringify(o.aliases), summary: o.description, externalCode: o.code, jobZone: o.jobZone },
    });
  }
  const { idOf, counts } = await syncEntities(
    manager,
    // A curated role that carries an O*NET code keeps its own name, summary and aliases; it still
    // gets the job zone, which only O*NET states.
    { table: 'role', subject: 'role', owned: ['name', 'aliases', 'summary', 'jobZone'], curated: ['jobZone'] },
    [...planOf.values()],
    citations,
  );
  return {
    counts,
    idByCode: new Map([...planOf].map(([code, plan]) => [code, idOf.get(plan)!])),
    notInRelease: [...byCode.keys()].filter((code) => !planOf.has(code)).sort(),
  };
}

/**
 * Plans skills or tools found by name: an existing row whose normalised name or alias matches is
 * reused (names win over aliases, lower row ids over higher, so the match is the same on every
 * run), and every name that finds the same row shares one plan; any other name plans a new row.
 */
class NamedEntityPlanner {
  readonly plans: EntityPlan[] = [];
  private readonly byName = new Map<string, DbRow>();
  private readonly byAlias = new Map<string, DbRow>();
  private readonly byRowId = new Map<number, EntityPlan>();
  private readonly taken: Set<string>;

  constructor(rows: readonly DbRow[]) {
    for (const row of [...rows].sort((a, b) => a.id - b.id)) {
      const name = normaliseName(row.name as string);
      if (!this.byName.has(name)) this.byName.set(name, row);
      for (const alias of JSON.parse(row.aliases as string) as string[]) {
        if (!this.byAlias.has(normaliseName(alias))) this.byAlias.set(normaliseName(alias), row);
      }
    }
    this.taken = new Set(rows.map((row) => row.slug as string));
  }

  match(name: string): DbRow | undefined {
    return this.byName.get(normaliseName(name)) ?? this.byAlias.get(normaliseName(name));
  }

  /** The plan for a name; `values` describe a new row (the slug is added). */
  plan(name: string, values: Record<string, unknown>): EntityPlan {
    const match = this.match(name);
    const shared = match && this.byRowId.get(match.id);
    if (shared) return shared;
    const plan: EntityPlan = { existing: match, values: { slug: match ? match.slug : freeSlug(slugify(name), this.taken), ...values } };
    if (match) this.byRowId.set(match.id, plan);
    this.plans.push(plan);
    return plan;
  }
}

/**
 * The O*NET skills. An existing skill with the same normalised name or alias is reused (a curated
 * one keeps its name, description and category); a new one is TECHNICAL or SOFT by its
 * content-model element and sits under "O*NET skills" > basic or cross-functional.
 */
export async function writeSkills(manager: EntityManager, release: OnetRelease, citations: Citations, categoryCounts: EntityCounts) {
  const existing: DbRow[] = await manager.query(`SELECT "id", "slug", "name", "aliases", "description", "kind", "categoryId" FROM "skill"`);
  const root = (
    await writeCategories(
      manager,
      [
        {
          key: 'root',
          slug: 'onet-skills',
          name: 'O*NET skills',
          description: 'Skills of the O*NET content model, rated for each occupation.',
          parentId: null,
        },
      ],
      categoryCounts,
    )
  ).get('root')!;
  const groups = await writeCategories(
    manager,
    [
      { key: 'basic', slug: 'onet-basic-skills', name: 'O*NET basic skills', description: release.groupDescriptions.basic, parentId: root },
      {
        key: 'cross-functional',
        slug: 'onet-cross-functional-skills',
        name: 'O*NET cross-functional skills',
        description: release.groupDescriptions.crossFunctional,
        parentId: root,
      },
    ],
    categoryCounts,
  );
  const planner = new NamedEntityPlanner(existing);
  const planOf = new Map(
    release.skills.map((element) => [
      element.id,
      planner.plan(element.name, {
        name: element.name,
        aliases: '[]',
        description: element.description,
        kind: element.kind,
        categoryId: groups.get(element.group)!,
      }),
    ]),
  );
  const { idOf, counts } = await syncEntities(
    manager,
    { table: 'skill', subject: 'skill', owned: ['name', 'description', 'kind', 'categoryId'], curated: [] },
    planner.plans,
    citations,
  );
  return { counts, idByElement: new Map([...planOf].map(([elementId, plan]) => [elementId, idOf.get(plan)!])) };
}

/** One tool per normalised example name across Technology Skills and Tools Used. */
interface WantedTool {
  /** The first spelling met. */
  name: string;
  /** TECHNOLOGY when any Technology Skills row names it. */
  kind: ToolKind;
  /** Commodity title → how many rows give it; the most frequent becomes the tool's category. */
  commodities: Map<string, number>;
}

function wantedTools(release: OnetRelease): Map<string, WantedTool> {
  const tools = new Map<string, WantedTool>();
  const add = (use: OnetToolUse, kind: ToolKind) => {
    const key = normaliseName(use.example);
    const tool = tools.get(key) ?? { name: use.example, kind, commodities: new Map<string, number>() };
    tools.set(key, tool);
    tool.commodities.set(use.commodityTitle, (tool.commodities.get(use.commodityTitle) ?? 0) + 1);
  };
  release.technologies.forEach((use) => add(use, ToolKind.TECHNOLOGY));
  release.equipment.forEach((use) => add(use, ToolKind.EQUIPMENT));
  return tools;
}

/** The most frequent commodity title; ties go to the one met first. */
function mainCommodity(tool: WantedTool): string {
  let best = '';
  let count = 0;
  for (const [title, n] of tool.commodities) {
    if (n > count) [best, count] = [title, n];
  }
  return best;
}

const TOOL_ROOTS: Record<ToolKind, Omit<WantedCategory, 'parentId'>> = {
  [ToolKind.TECHNOLOGY]: {
    key: ToolKind.TECHNOLOGY,
    slug: 'onet-technology',
    name: 'O*NET technology',
    description: 'Software and technologies from O*NET Technology Skills, by commodity.',
  },
  [ToolKind.EQUIPMENT]: {
    key: ToolKind.EQUIPMENT,
    slug: 'onet-equipment',
    name: 'O*NET equipment',
    description: 'Tools and machines from O*NET Tools Used, by commodity.',
  },
};

/**
 * Technology Skills and Tools Used examples become tools, one per normalised name. An existing tool
 * with that name or alias (PostgreSQL, Git from the curated seeds) is reused untouched apart from
 * the O*NET citation; the others sit in a category per commodity title under "O*NET technology" or
 * "O*NET equipment". Returns tool ids by normalised example name.
 */
export async function writeTools(manager: EntityManager, release: OnetRelease, citations: Citations, categoryCounts: EntityCounts) {
  const existing: DbRow[] = await manager.query(`SELECT "id", "slug", "name", "aliases", "description", "kind", "categoryId" FROM "tool"`);
  const planner = new NamedEntityPlanner(existing);
  const wanted = wantedTools(release);

  // Categories only for the tools O*NET owns: a curated tool keeps its own category.
  const owned = [...wanted.values()].filter((tool) => {
    const match = planner.match(tool.name);
    return !match || !citations.isCurated('tool', match.id);
  });
  const kinds = new Set(owned.map((tool) => tool.kind));
  const roots = await writeCategories(
    manager,
    Object.values(ToolKind)
      .filter((kind) => kinds.has(kind))
      .map((kind) => ({ ...TOOL_ROOTS[kind], parentId: null })),
    categoryCounts,
  );
  const commodityKey = (tool: WantedTool) => `${tool.kind}:${mainCommodity(tool)}`;
  const commodities = new Map<string, WantedCategory>();
  for (const tool of owned) {
    const title = mainCommodity(tool);
    commodities.set(commodityKey(tool), {
      key: commodityKey(tool),
      name: title,
      description: `${tool.kind === ToolKind.TECHNOLOGY ? 'Technologies' : 'Tools'} that O*NET files under the commodity "${title}".`,
      parentId: roots.get(tool.kind)!,
    });
  }
  const categoryIds = await writeCategories(manager, [...commodities.values()], categoryCounts);

  const planOf = new Map(
    [...wanted].map(([key, tool]) => [
      key,
      planner.plan(tool.name, {
        name: tool.name,
        aliases: '[]',
        description: '',
        kind: tool.kind,
        categoryId: categoryIds.get(commodityKey(tool)) ?? null,
      }),
    ]),
  );
  const { idOf, counts } = await syncEntities(
    manager,
    { table: 'tool', subject: 'tool', owned: ['name', 'kind', 'categoryId'], curated: [] },
    planner.plans,
    citations,
  );
  return { counts, idByName: new Map([...planOf].map(([key, plan]) => [key, idOf.get(plan)!])) };
}

/** Task statements become responsibilities `onet-task-<Task ID>`, named by the task text. */
export async function writeResponsibilities(manager: EntityManager, release: OnetRelease, citations: Citations) {
  const existing: DbRow[] = await manager.query(
    `SELECT "id", "slug", "name", "description" FROM "responsibility" WHERE "slug" LIKE 'onet-task-%'`,
  );
  const bySlug = new Map(existing.map((row) => [row.slug as string, row]));
  const planOf = new Map<string, EntityPlan>();
  for (const { taskId, text } of release.tasks) {
    const slug = `onet-task-${taskId}`;
    if (!planOf.has(taskId)) planOf.set(taskId, { existing: bySlug.get(slug), values: { slug, name: text, description: '' } });
  }
  const { idOf, counts } = await syncEntities(
    manager,
    { table: 'responsibility', subject: 'responsibility', owned: ['name', 'description'], curated: [] },
    [...planOf.values()],
    citations,
  );
  return { counts, idByTaskId: new Map([...planOf].map(([taskId, plan]) => [taskId, idOf.get(plan)!])) };
}
