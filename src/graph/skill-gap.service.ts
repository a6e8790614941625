import type { DataSource } from 'typeorm';
import type { Role } from '../role/role.entity';
import { Importance } from '../shared/enums';
import { skillGapRows, type KnownItems } from './graph.store';
import { hydrateItem, weightedItems, type ItemType } from './item';
import type { ItemRef } from './item-refs';
import { SkillGap } from './skill-gap.types';

/** What counts as already known: another role's skills and tools, or a list of them. */
export type Known = { role: Role } | { items: readonly ItemRef[] };

function knownItems(known: Known): KnownItems {
  if ('role' in known) return { roleId: known.role.rowId };
  const idsOf = (type: ItemType) => known.items.filter((i) => i.type === type).map((i) => i.rowId);
  return { itemIds: { Skill: idsOf('Skill'), Tool: idsOf('Tool') } };
}

/**
 * The gap between what a person knows and a target role (weights in weights.ts):
 *
 *   coverage = Σ weights of the target's items the person has / Σ weights of all the target's items
 *
 * — the matchRoles score, for one role. One statement returns every skill and tool of the target
 * role, hydrated, with its weight and whether it is covered; the split into lists is done here.
 */
export async function skillGap(dataSource: DataSource, to: Role, known: Known): Promise<SkillGap> {
  const rows = await skillGapRows(dataSource, to.rowId, knownItems(known));

  const links = rows.map((row) => ({
    type: row.__type,
    item: hydrateItem(dataSource, row.__type, row),
    importance: row.__importance,
    importanceScore: row.__importanceScore === null ? null : Number(row.__importanceScore),
    weight: Number(row.__weight),
    covered: Boolean(row.__covered),
  }));
  const covered = weightedItems(links.filter((l) => l.covered));
  const missingEssential = weightedItems(links.filter((l) => !l.covered && l.importance === Importance.ESSENTIAL));
  const missingOptional = weightedItems(links.filter((l) => !l.covered && l.importance !== Importance.ESSENTIAL));
  const sum = (list: readonly { weight: number }[]) => list.reduce((total, l) => total + l.weight, 0);
  const totalWeight = sum(links);
  const coveredWeight = sum(links.filter((l) => l.covered));
  return Object.assign(new SkillGap(), {
    to,
    from: 'role' in known ? known.role : null,
    coverage: totalWeight === 0 ? 1 : coveredWeight / totalWeight,
    coveredWeight,
    totalWeight,
    missingEssentialSkills: missingEssential.skills,
    missingOptionalSkills: missingOptional.skills,
    missingEssentialTools: missingEssential.tools,
    missingOptionalTools: missingOptional.tools,
    coveredSkills: covered.skills,
    coveredTools: covered.tools,
  });
}
