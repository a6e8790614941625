import type { Queryable } from '../db/sql';
import type { LinkRelationKey } from '../model/relations';
import { RANK_DECIMALS, ROLE_ITEM_LINKS, type RoleItemRelation } from './graph.store';
import {
  deleteRoleSimilarityPairs,
  storedPairsBetween,
  storedRankingHeads,
  deleteRoleWeights,
  roleItemWeightRows,
  storedRoleSimilarity,
  storedRoleWeights,
  type RoleItemWeightRow,
  writeRoleSimilarity,
  writeRoleWeights,
  type RoleSimilarityRow,
} from './role-similarity.store';

/**
 * Role similarity and role weights, precomputed: for each role, the roles sharing a skill or tool with it, scored
 * by weighted Jaccard (src/graph/related-roles.service.ts defines it), of which the head is stored
 * in `role_similarity` for `Role.relatedRoles` to page; and each role's total weight, stored in
 * `role_weight` for `matchRoles` (whose score divides by it) and the similarity's union weights.
 * Both come from one pass over the weighted links (`roleItemWeightRows`, weighted by
 * src/model/weights.ts), so a change to the weighting changes both in one place.
 *
 * It is computed here rather than in SQL because the pair sums are a self-join of every item's
 * roles: on O*NET, where most of the 35 skills are rated for every occupation, that is 28 million
 * joined rows, about a minute for SQLite to group, and a fraction of a second over typed arrays.
 * The sums are the ones SQL computes: SQLite's SUM is Kahan–Babuška–Neumaier compensated, and the
 * loop in `ItemGraph.ranking` takes its steps, so a pair's figures are the same doubles the live
 * statement returns (to the last bit: compensated sums of a few hundred terms do not depend on
 * their order in practice).
 */

/**
 * How many pairs of each role's ranking are kept: every pair scoring at least as high as its
 * SIMILARITY_KEPT-th best, so ties at the last place are all in, and the kept rows are exactly
 * positions 1 to n of the ranking whatever the names that break ties. Any page of up to 100
 * (`first`'s bound) from the start is read from them; deeper pages are computed live.
 */
export const SIMILARITY_KEPT = 100;

/**
 * Rankings sort scores rounded to RANK_DECIMALS decimals (`rankKey` in graph.store.ts), so a pair
 * within this of the last kept score may tie with it and take its place by name: such pairs are kept too.
 */
const TIE_MARGIN = 10 ** -RANK_DECIMALS;

/** What became of one link: new, with other attributes, or gone. */
export type LinkChange = 'added' | 'changed' | 'removed';

/** The changes an import made to the links similarity and role weights read: whose, and to which items. */
export class RoleSimilarityChanges {
  private readonly roles = new Set<number>();
  private readonly items = new Set<number>();
  /** Per changed role, the items (by `itemNumber`) it gained and lost. */
  private readonly gained = new Map<number, Set<number>>();
  private readonly lost = new Map<number, Set<number>>();

  /** Whether a relation's links count in the similarity. */
  static reads(relation: LinkRelationKey): relation is RoleItemRelation {
    return ROLE_ITEM_LINKS.some((link) => link.relation === relation);
  }

  /** Notes that the link from `roleId` to `itemId` of `relation` was created, changed or deleted. */
  note(relation: RoleItemRelation, roleId: number, itemId: number, change: LinkChange): void {
    const item = itemNumber(
      ROLE_ITEM_LINKS.findIndex((link) => link.relation === relation),
      itemId,
    );
    this.roles.add(roleId);
    this.items.add(item);
    if (change === 'changed') return;
    const sets = change === 'added' ? this.gained : this.lost;
    sets.set(roleId, (sets.get(roleId) ?? new Set<number>()).add(item));
  }

  /**
   * Brings the stored pairs and role weights in line with the links, inside the caller's
   * transaction; nothing when no link changed. A role's weight changes only when its own links
   * change, and so does its whole ranking. A role it shares an item with (before the change or
   * after: the roles linked to any changed item or to any item a changed role has now) sees only
   * its pairs with the changed roles change, so its stored head is recomputed only when that can
   * show (`headsThatChange`): on O*NET, a link of Software Developers affects 900 roles and
   * rewrites the heads of about 30.
   */
  async apply(db: Queryable): Promise<void> {
    if (this.roles.size === 0) return;
    const graph = await ItemGraph.load(db);
    const affected = new Set(this.roles);
    for (const role of this.roles) for (const item of graph.itemsOf(role)) graph.rolesOf(item).forEach((r) => affected.add(r));
    for (const item of this.items) graph.rolesOfNumber(item).forEach((r) => affected.add(r));
    const others = [...affected].filter((role) => !this.roles.has(role));
    await writeRankings(db, graph, [...this.roles, ...(await this.headsThatChange(db, graph, others))]);
    await writeWeights(db, graph, [...this.roles]);
    this.roles.clear();
    this.items.clear();
    this.gained.clear();
    this.lost.clear();
  }

  /**
   * Of roles whose own links did not change, those whose stored head changes. Only their pairs
   * with the changed roles move, so the head stays as it is unless one of those pairs is in it,
   * or now scores at least its lowest, or the number of roles sharing an item with it changed
   * (stored on every row). Whether a pair shared an item before the change comes from the
   * changed role's items then: its items now, less those it gained, plus those it lost.
   */
  private async headsThatChange(db: Queryable, graph: ItemGraph, others: readonly number[]): Promise<number[]> {
    if (others.length === 0) return [];
    const changed = [...this.roles];
    const before = new Map<number, Set<number>>();
    for (const role of changed) {
      const gained = this.gained.get(role) ?? new Set<number>();
      const lost = this.lost.get(role) ?? new Set<number>();
      // A link both gained and lost in one import leaves its state before unknown: recompute them all.
      if ([...gained].some((item) => lost.has(item))) return [...others];
      before.set(role, new Set([...graph.itemNumbersOf(role).filter((item) => !gained.has(item)), ...lost]));
    }
    const heads = new Map((await storedRankingHeads(db, others)).map((head) => [head.roleId, head]));
    const stored = new Set((await storedPairsBetween(db, others, changed)).map(([role, other]) => `${role}:${other}`));
    return others.filter((role) => {
      const items = graph.itemNumbersOf(role);
      const head = heads.get(role);
      let count = head?.relatedCount ?? 0;
      const scores: number[] = [];
      for (const other of changed) {
        if (stored.has(`${role}:${other}`)) return true;
        const score = graph.score(role, other);
        const sharedBefore = items.some((item) => before.get(other)!.has(item));
        count += (score === null ? 0 : 1) - (sharedBefore ? 1 : 0);
        if (score !== null) scores.push(score);
      }
      if (!head) return scores.length > 0;
      if (count !== head.relatedCount) return true;
      // A head that holds the whole ranking takes in any pair that now shares an item.
      if (count <= SIMILARITY_KEPT) return scores.length > 0;
      return scores.some((score) => score >= head.lowest - TIE_MARGIN);
    });
  }
}

/** Recomputes every role's stored pairs (the migration that creates the table fills it this way). */
export async function rebuildRoleSimilarity(db: Queryable): Promise<void> {
  await writeRankings(db, await ItemGraph.load(db), null);
}

/**
 * Recomputes every role's stored total weight (the migration that creates `role_weight` fills it
 * this way).
 */
export async function rebuildRoleWeights(db: Queryable): Promise<void> {
  await writeWeights(db, await ItemGraph.load(db), null);
}

/**
 * Replaces the stored totals of `roleIds` (null: of every role) with the graph's, writing only the
 * totals that differ and deleting those of roles left without links.
 */
async function writeWeights(db: Queryable, graph: ItemGraph, roleIds: readonly number[] | null): Promise<void> {
  const before = new Map(await storedRoleWeights(db, roleIds));
  const written: [number, number][] = [];
  for (const roleId of roleIds ?? graph.roleIds()) {
    const total = graph.totalOf(roleId);
    if (total === null) continue;
    if (before.get(roleId) !== total) written.push([roleId, total]);
    before.delete(roleId);
  }
  await deleteRoleWeights(db, [...before.keys()]);
  await writeRoleWeights(db, written);
}

/**
 * Replaces the stored rankings of `roleIds` (null: of every role) with the graph's, writing only
 * the pairs that differ: after a small change most of a large taxonomy's pairs keep their figures.
 */
async function writeRankings(db: Queryable, graph: ItemGraph, roleIds: readonly number[] | null): Promise<void> {
  const before = new Map<number, Map<number, RoleSimilarityRow>>();
  for (const row of await storedRoleSimilarity(db, roleIds)) {
    const of = before.get(row[0]) ?? new Map<number, RoleSimilarityRow>();
    of.set(row[1], row);
    before.set(row[0], of);
  }
  const written: RoleSimilarityRow[] = [];
  for (const roleId of roleIds ?? graph.roleIds()) {
    const stored = before.get(roleId);
    for (const pair of graph.ranking(roleId)) {
      const old = stored?.get(pair[1]);
      stored?.delete(pair[1]);
      if (!old || old.some((value, i) => value !== pair[i])) written.push(pair);
    }
  }
  await deleteRoleSimilarityPairs(
    db,
    [...before.values()].flatMap((gone) => [...gone.values()]),
  );
  await writeRoleSimilarity(db, written);
}

/** One number per item across both tables: the link kind's index in ROLE_ITEM_LINKS beside the id. */
function itemNumber(kind: number, itemId: number): number {
  return itemId * ROLE_ITEM_LINKS.length + kind;
}

/** One step of SQLite's SUM (Kahan–Babuška–Neumaier): adds `r` to slot `i` of `sum`, its error to `err`. */
function kbnAdd(sum: Float64Array, err: Float64Array, i: number, r: number): void {
  const s = sum[i];
  const t = s + r;
  err[i] += Math.abs(s) > Math.abs(r) ? s - t + r : r - t + s;
  sum[i] = t;
}

/**
 * Roles and items as two adjacency lists over dense indexes (compressed rows: the links of role i
 * are positions roleStart[i] to roleStart[i + 1] of roleItem and roleWeight, and likewise for items).
 */
class ItemGraph {
  private readonly roleIdAt: number[];
  private readonly roleIndex = new Map<number, number>();
  private readonly itemIndex = new Map<number, number>();
  private readonly roleStart: Int32Array;
  private readonly roleItem: Int32Array;
  private readonly roleWeight: Float64Array;
  private readonly itemStart: Int32Array;
  private readonly itemRole: Int32Array;
  private readonly itemWeight: Float64Array;
  /** Each role's total weight, summed as SQL's SUM does. */
  private readonly total: Float64Array;
  /** Scratch space of `ranking`, one slot per role: the running sums, and the roles it met. */
  private readonly sum: Float64Array;
  private readonly err: Float64Array;
  private readonly seen: Uint8Array;
  private readonly met: Int32Array;

  private constructor(links: readonly RoleItemWeightRow[]) {
    const kinds = ROLE_ITEM_LINKS.map((link) => link.type);
    const roleOf = new Int32Array(links.length);
    const itemOf = new Int32Array(links.length);
    links.forEach((link, k) => {
      const roleId = Number(link.roleId);
      const item = itemNumber(kinds.indexOf(link.type), Number(link.itemId));
      if (!this.roleIndex.has(roleId)) this.roleIndex.set(roleId, this.roleIndex.size);
      if (!this.itemIndex.has(item)) this.itemIndex.set(item, this.itemIndex.size);
      roleOf[k] = this.roleIndex.get(roleId)!;
      itemOf[k] = this.itemIndex.get(item)!;
    });
    const weights = Float64Array.from(links, (link) => Number(link.weight));
    [this.roleStart, this.roleItem, this.roleWeight] = adjacency(this.roleIndex.size, roleOf, itemOf, weights);
    [this.itemStart, this.itemRole, this.itemWeight] = adjacency(this.itemIndex.size, itemOf, roleOf, weights);
    this.roleIdAt = [...this.roleIndex.keys()];
    const n = this.roleIdAt.length;
    [this.sum, this.err, this.seen, this.met] = [new Float64Array(n), new Float64Array(n), new Uint8Array(n), new Int32Array(n)];
    for (let k = 0; k < links.length; k++) kbnAdd(this.sum, this.err, roleOf[k], weights[k]);
    this.total = this.sum.map((s, i) => s + this.err[i]);
  }

  /** Each item's `itemNumber`, by dense index. */
  private get itemNumberAt(): number[] {
    this.numbers ??= [...this.itemIndex.keys()];
    return this.numbers;
  }
  private numbers: number[] | undefined;

  /** The items (by `itemNumber`) a role links to; none for a role without links. */
  itemNumbersOf(roleId: number): number[] {
    const numbers = this.itemNumberAt;
    return this.itemsOf(roleId).map((item) => numbers[item]);
  }

  /**
   * The score of one pair as `ranking(roleId)` computes it, to the last bit (the same additions
   * in the same order); null when the two share no item.
   */
  score(roleId: number, otherId: number): number | null {
    const a = this.roleIndex.get(roleId);
    const b = this.roleIndex.get(otherId);
    if (a === undefined || b === undefined) return null;
    const { roleStart, roleItem, roleWeight } = this;
    const theirs = new Map<number, number>();
    for (let k = roleStart[b]; k < roleStart[b + 1]; k++) theirs.set(roleItem[k], roleWeight[k]);
    const sum = new Float64Array(1);
    const err = new Float64Array(1);
    let shares = false;
    for (let k = roleStart[a]; k < roleStart[a + 1]; k++) {
      const weight = theirs.get(roleItem[k]);
      if (weight === undefined) continue;
      shares = true;
      kbnAdd(sum, err, 0, Math.min(roleWeight[k], weight));
    }
    if (!shares) return null;
    const shared = sum[0] + err[0];
    return shared / (this.total[a] + this.total[b] - shared);
  }

  /** Reads every role's weighted links. */
  static async load(db: Queryable): Promise<ItemGraph> {
    return new ItemGraph(await roleItemWeightRows(db));
  }

  /** A role's total weight, summed as SQL's SUM does; null for a role without links. */
  totalOf(roleId: number): number | null {
    const i = this.roleIndex.get(roleId);
    return i === undefined ? null : this.total[i];
  }

  /** Every role with at least one link. */
  roleIds(): number[] {
    return [...this.roleIdAt];
  }

  /** The items (dense indexes) a role links to; none for a role without links. */
  itemsOf(roleId: number): number[] {
    const i = this.roleIndex.get(roleId);
    return i === undefined ? [] : Array.from(this.roleItem.subarray(this.roleStart[i], this.roleStart[i + 1]));
  }

  /** The role ids linked to an item (dense index). */
  rolesOf(item: number): number[] {
    return Array.from(this.itemRole.subarray(this.itemStart[item], this.itemStart[item + 1]), (r) => this.roleIdAt[r]);
  }

  /** The role ids linked to an item by its `itemNumber`; none if no role links to it any more. */
  rolesOfNumber(item: number): number[] {
    const i = this.itemIndex.get(item);
    return i === undefined ? [] : this.rolesOf(i);
  }

  /**
   * The stored pairs of a role's ranking (none for a role without links), in no particular order:
   * for each role sharing an item, Σ min(wA, wB) over the shared items, and the union weight.
   */
  ranking(roleId: number): RoleSimilarityRow[] {
    const a = this.roleIndex.get(roleId);
    if (a === undefined) return [];
    const { roleStart, roleItem, roleWeight, itemStart, itemRole, itemWeight, sum, err, seen, met } = this;
    let count = 0;
    for (let k = roleStart[a]; k < roleStart[a + 1]; k++) {
      const item = roleItem[k];
      const weight = roleWeight[k];
      for (let j = itemStart[item]; j < itemStart[item + 1]; j++) {
        const b = itemRole[j];
        if (b === a) continue;
        if (seen[b] === 0) {
          seen[b] = 1;
          sum[b] = 0;
          err[b] = 0;
          met[count++] = b;
        }
        kbnAdd(sum, err, b, Math.min(weight, itemWeight[j]));
      }
    }
    const shared = new Float64Array(count);
    const union = new Float64Array(count);
    const scores = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const b = met[i];
      seen[b] = 0;
      shared[i] = sum[b] + err[b];
      union[i] = this.total[a] + this.total[b] - shared[i];
      scores[i] = shared[i] / union[i];
    }
    const lowest = count > SIMILARITY_KEPT ? scores.slice().sort()[count - SIMILARITY_KEPT] : -Infinity;
    const pairs: RoleSimilarityRow[] = [];
    for (let i = 0; i < count; i++) {
      if (scores[i] >= lowest - TIE_MARGIN) pairs.push([roleId, this.roleIdAt[met[i]], shared[i], union[i], count]);
    }
    return pairs;
  }
}

/** Compressed rows of `size` lists from link arrays: list `from[k]` holds `to[k]` with `weight[k]`, in link order. */
function adjacency(size: number, from: Int32Array, to: Int32Array, weight: Float64Array): [Int32Array, Int32Array, Float64Array] {
  const start = new Int32Array(size + 1);
  for (const f of from) start[f + 1]++;
  for (let i = 0; i < size; i++) start[i + 1] += start[i];
  const next = start.slice(0, size);
  const target = new Int32Array(from.length);
  const weights = new Float64Array(from.length);
  from.forEach((f, k) => {
    target[next[f]] = to[k];
    weights[next[f]++] = weight[k];
  });
  return [start, target, weights];
}
