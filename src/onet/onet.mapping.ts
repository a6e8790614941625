import type { EntityPlan, EntityCounts, ImportWriter } from '../import/import.writer';
import { NameMatcher } from '../import/name-matcher';
import { freeSlug, normaliseName, slugify } from '../import/slug';
import { ToolKind } from '../tool/tool.entity';
import { writeCategories, type WantedCategory } from './onet.categories';
import type { OnetRelease, OnetToolUse } from './onet.release';
import type { OnetImportSummary } from './onet.summary';

/*
 * How a release maps onto the atlas's entities: what each O*NET file becomes, how rows are
 * matched so a re-import updates them in place, and which columns O*NET rewrites. The import
 * engine (src/import) does the writing.
 */

/**
 * The row id of each planned entity, by the release's key for it. An entity a curator deleted
 * through the API (a tombstone, src/import/tombstone.entity.ts) was not written and has none, so
 * the release's links to it are skipped too.
 */
function idsOf<K>(planOf: ReadonlyMap<K, EntityPlan>, idOf: ReadonlyMap<EntityPlan, number>): Map<K, number> {
  const ids = new Map<K, number>();
  for (const [key, plan] of planOf) {
    const id = idOf.get(plan);
    if (id !== undefined) ids.set(key, id);
  }
  return ids;
}

/** The one Source row every O*NET fact cites; a newer release updates it in place. */
export const ONET_SOURCE_SLUG = 'onet';

/** Upserts the `onet` Source by slug: a newer release rewrites its title, version and attribution. */
export async function writeSource(
  writer: ImportWriter,
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
  const columns = Object.keys(values).filter((c) => c !== 'slug');
  const [existing] = await writer.rows('source', columns, { column: 'slug', values: [ONET_SOURCE_SLUG] });
  const plan: EntityPlan = { existing, values };
  const { idOf, counts } = await writer.syncEntities({ type: 'source', owned: columns }, [plan]);
  return { sourceId: idOf.get(plan)!, source: counts.created ? 'created' : counts.updated ? 'updated' : 'unchanged' };
}

/**
 * Occupations become roles, matched by O*NET-SOC code so a re-import updates them in place. A new
 * role's slug is the kebab-case title; when two titles of the release share it, or another role
 * already has it, the code is appended (`software-developers-15-1252-00`). Slugs never change
 * after that, even when O*NET retitles the occupation.
 */
export async function writeRoles(writer: ImportWriter, release: OnetRelease) {
  const existing = await writer.rows('role', ['slug', 'name', 'aliases', 'summary', 'externalCode', 'jobZone']);
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
  const { idOf, counts } = await writer.syncEntities(
    // A curated role that carries an O*NET code keeps its own name, summary and aliases; it still
    // gets the job zone, which only O*NET states.
    { type: 'role', owned: ['name', 'aliases', 'summary', 'jobZone'], external: ['jobZone'] },
    [...planOf.values()],
  );
  return {
    counts,
    idByCode: idsOf(planOf, idOf),
    notInRelease: [...byCode.keys()].filter((code) => !planOf.has(code)).sort(),
  };
}

/**
 * The O*NET skills. An existing skill with the same normalised name or alias is reused (a curated
 * one keeps its name, description and category); a new one is TECHNICAL or SOFT by its
 * content-model element and sits under "O*NET skills" > basic or cross-functional.
 */
export async function writeSkills(writer: ImportWriter, release: OnetRelease, categoryCounts: EntityCounts) {
  const existing = await writer.rows('skill', ['slug', 'name', 'aliases', 'description', 'kind', 'categoryId']);
  const root =
    (
      await writeCategories(
        writer,
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
    ).get('root') ?? null;
  const groups = await writeCategories(
    writer,
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
  const matcher = new NameMatcher(existing);
  const planOf = new Map(
    release.skills.map((element) => [
      element.id,
      matcher.plan(element.name, {
        name: element.name,
        aliases: '[]',
        description: element.description,
        kind: element.kind,
        categoryId: groups.get(element.group) ?? null,
      }),
    ]),
  );
  const { idOf, counts } = await writer.syncEntities(
    { type: 'skill', owned: ['name', 'description', 'kind', 'categoryId'] },
    matcher.plans,
  );
  return { counts, idByElement: idsOf(planOf, idOf) };
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
export async function writeTools(writer: ImportWriter, release: OnetRelease, categoryCounts: EntityCounts) {
  const existing = await writer.rows('tool', ['slug', 'name', 'aliases', 'description', 'kind', 'categoryId']);
  const matcher = new NameMatcher(existing);
  const wanted = wantedTools(release);

  // Categories only for the tools O*NET owns: a curated tool keeps its own category.
  const owned = [...wanted.values()].filter((tool) => {
    const match = matcher.match(tool.name);
    return !match || !writer.citations.isCurated('tool', match.id);
  });
  const kinds = new Set(owned.map((tool) => tool.kind));
  const roots = await writeCategories(
    writer,
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
      parentId: roots.get(tool.kind) ?? null,
    });
  }
  const categoryIds = await writeCategories(writer, [...commodities.values()], categoryCounts);

  const planOf = new Map(
    [...wanted].map(([key, tool]) => [
      key,
      matcher.plan(tool.name, {
        name: tool.name,
        aliases: '[]',
        description: '',
        kind: tool.kind,
        categoryId: categoryIds.get(commodityKey(tool)) ?? null,
      }),
    ]),
  );
  const { idOf, counts } = await writer.syncEntities({ type: 'tool', owned: ['name', 'kind', 'categoryId'] }, matcher.plans);
  return { counts, idByName: idsOf(planOf, idOf) };
}

/** Task statements become responsibilities `onet-task-<Task ID>`, named by the task text. */
export async function writeResponsibilities(writer: ImportWriter, release: OnetRelease) {
  const slugOf = (taskId: string) => `onet-task-${taskId}`;
  const slugs = [...new Set(release.tasks.map((task) => slugOf(task.taskId)))];
  const existing = await writer.rows('responsibility', ['slug', 'name', 'description'], { column: 'slug', values: slugs });
  const bySlug = new Map(existing.map((row) => [row.slug as string, row]));
  const planOf = new Map<string, EntityPlan>();
  for (const { taskId, text } of release.tasks) {
    const slug = slugOf(taskId);
    if (!planOf.has(taskId)) planOf.set(taskId, { existing: bySlug.get(slug), values: { slug, name: text, description: '' } });
  }
  const { idOf, counts } = await writer.syncEntities({ type: 'responsibility', owned: ['name', 'description'] }, [...planOf.values()]);
  return { counts, idByTaskId: idsOf(planOf, idOf) };
}
