import type { Dataset, EntityList } from '../../src/dataset/dataset.format';
import { readSeedDataset } from './datasets';

/** One end of a link as the seed describes it: the entity linked to, and the link's sources. */
export interface ExpectedLink {
  slug: string;
  name: string;
  /** Source slugs, sorted. */
  sources: string[];
  importance?: string;
}

/** The API's default order: by name, case-insensitively (SQLite's NOCASE folds ASCII letters only). */
export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  const key = (name: string) => name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return [...items].sort((a, b) => (key(a.name) < key(b.name) ? -1 : key(a.name) > key(b.name) ? 1 : 0));
}

/** Links keyed by the slug of the entity they start from; `of` lists them in name order. */
export class Links {
  private readonly bySlug = new Map<string, ExpectedLink[]>();

  add(from: string, link: ExpectedLink): void {
    const list = this.bySlug.get(from) ?? [];
    list.push({ ...link, sources: [...link.sources].sort() });
    this.bySlug.set(from, list);
  }

  of(from: string): ExpectedLink[] {
    return byName(this.bySlug.get(from) ?? []);
  }
}

/**
 * The graph the seed JSON describes, with every relation in both directions, so tests can derive
 * what the API must answer instead of copying answers from a run.
 */
export class SeedGraph {
  readonly dataset: Dataset = readSeedDataset();

  readonly roleSkills = new Links();
  readonly skillRoles = new Links();
  readonly roleTools = new Links();
  readonly toolRoles = new Links();
  readonly roleResponsibilities = new Links();
  readonly responsibilityRoles = new Links();
  readonly responsibilitySkills = new Links();
  readonly skillResponsibilities = new Links();
  readonly skillTools = new Links();
  readonly toolSkills = new Links();
  /** Narrower roles by broader role; the link is cited by the narrower role's own sources. */
  readonly specializations = new Links();
  /** Both directions of every collaboration, citing the sources listed on either side. */
  readonly collaborators = new Links();

  constructor() {
    const d = this.dataset;
    const name = (list: Exclude<EntityList, 'sources'>, slug: string) => this.record(list, slug).name;
    for (const skill of this.list('skills')) {
      for (const link of skill.tools ?? []) {
        this.skillTools.add(skill.slug, { slug: link.tool, name: name('tools', link.tool), sources: link.sources });
        this.toolSkills.add(link.tool, { slug: skill.slug, name: skill.name, sources: link.sources });
      }
    }
    for (const responsibility of this.list('responsibilities')) {
      for (const link of responsibility.skills ?? []) {
        this.responsibilitySkills.add(responsibility.slug, { slug: link.skill, name: name('skills', link.skill), sources: link.sources });
        this.skillResponsibilities.add(link.skill, { slug: responsibility.slug, name: responsibility.name, sources: link.sources });
      }
    }
    const collaborations = new Map<string, { a: string; b: string; sources: Set<string> }>();
    for (const role of d.roles ?? []) {
      for (const link of role.skills ?? []) {
        this.roleSkills.add(role.slug, {
          slug: link.skill,
          name: name('skills', link.skill),
          sources: link.sources,
          importance: link.importance,
        });
        this.skillRoles.add(link.skill, { slug: role.slug, name: role.name, sources: link.sources, importance: link.importance });
      }
      for (const link of role.tools ?? []) {
        this.roleTools.add(role.slug, {
          slug: link.tool,
          name: name('tools', link.tool),
          sources: link.sources,
          importance: link.importance,
        });
        this.toolRoles.add(link.tool, { slug: role.slug, name: role.name, sources: link.sources, importance: link.importance });
      }
      for (const link of role.responsibilities ?? []) {
        this.roleResponsibilities.add(role.slug, {
          slug: link.responsibility,
          name: name('responsibilities', link.responsibility),
          sources: link.sources,
          importance: link.importance ?? undefined,
        });
        this.responsibilityRoles.add(link.responsibility, { slug: role.slug, name: role.name, sources: link.sources });
      }
      if (role.broader) this.specializations.add(role.broader, { slug: role.slug, name: role.name, sources: role.sources });
      for (const link of role.collaboratesWith ?? []) {
        const [a, b] = [role.slug, link.role].sort();
        const pair = collaborations.get(`${a}|${b}`) ?? { a, b, sources: new Set<string>() };
        link.sources.forEach((s) => pair.sources.add(s));
        collaborations.set(`${a}|${b}`, pair);
      }
    }
    for (const { a, b, sources } of collaborations.values()) {
      this.collaborators.add(a, { slug: b, name: name('roles', b), sources: [...sources] });
      this.collaborators.add(b, { slug: a, name: name('roles', a), sources: [...sources] });
    }
  }

  /** The records of one entity list, in file order. */
  list<L extends EntityList>(list: L): NonNullable<Dataset[L]> {
    return (this.dataset[list] ?? []) as NonNullable<Dataset[L]>;
  }

  /** One record by slug; throws when the seed has no such record. */
  record<L extends EntityList>(list: L, slug: string): NonNullable<Dataset[L]>[number] {
    const found = this.list(list).find((r) => r.slug === slug);
    if (!found) throw new Error(`The seed has no ${list} record "${slug}"`);
    return found;
  }

  /** A category and all its subcategories, at any depth. */
  categoryTree(slug: string): Set<string> {
    const tree = new Set([slug]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const c of this.list('categories')) {
        if (c.parent && tree.has(c.parent) && !tree.has(c.slug)) {
          tree.add(c.slug);
          grew = true;
        }
      }
    }
    return tree;
  }

  /** The title of a source, by slug. */
  sourceTitle(slug: string): string {
    return this.record('sources', slug).title;
  }
}
