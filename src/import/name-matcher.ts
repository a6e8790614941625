import type { StoredRow } from './import.store';
import type { EntityPlan } from './import.writer';
import { freeSlug, normaliseName, slugify } from './slug';

/**
 * Plans entities found by name (skills, tools): an existing row whose normalised name or alias
 * matches is reused (names win over aliases, lower row ids over higher, so the match is the same on
 * every run), and every name that finds the same row shares one plan; any other name plans a new
 * row with a free slug. Rows need `slug`, `name` and `aliases` (a JSON array).
 */
export class NameMatcher {
  readonly plans: EntityPlan[] = [];
  private readonly byName = new Map<string, StoredRow>();
  private readonly byAlias = new Map<string, StoredRow>();
  private readonly byRowId = new Map<number, EntityPlan>();
  private readonly taken: Set<string>;

  constructor(rows: readonly StoredRow[]) {
    for (const row of [...rows].sort((a, b) => a.id - b.id)) {
      const name = normaliseName(row.name as string);
      if (!this.byName.has(name)) this.byName.set(name, row);
      for (const alias of JSON.parse(row.aliases as string) as string[]) {
        if (!this.byAlias.has(normaliseName(alias))) this.byAlias.set(normaliseName(alias), row);
      }
    }
    this.taken = new Set(rows.map((row) => row.slug as string));
  }

  /** The existing row a name finds, if any. */
  match(name: string): StoredRow | undefined {
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
