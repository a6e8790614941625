import type { DataSource } from 'typeorm';
import type { Role } from '../role/role.entity';
import { Importance } from '../shared/enums';
import { hydrateItem, itemColumnsSql, weightedItems, type ItemType } from './item';
import type { ItemRef } from './item-refs';
import { SkillGap } from './skill-gap.types';
import { registryIdent } from '../db/sql';
import { weightSql } from '../model/weights';

// Interim: string SQL until this module's statements move to its store.
const roleSkillWeightSql = (alias: string) => weightSql('roleSkill', registryIdent(alias)).text;
const roleToolWeightSql = (alias: string) => weightSql('roleItem', registryIdent(alias)).text;

/** What counts as already known: another role's skills and tools, or a list of them. */
export type Known = { role: Role } | { items: readonly ItemRef[] };

/**
 * The gap between what a person knows and a target role (weights in weights.ts):
 *
 *   coverage = Σ weights of the target's items the person has / Σ weights of all the target's items
 *
 * — the matchRoles score, for one role. One statement returns every skill and tool of the target
 * role, hydrated, with its weight and whether it is covered; the split into lists is done here.
 */
export async function skillGap(dataSource: DataSource, to: Role, known: Known): Promise<SkillGap> {
  const arm = (type: ItemType, table: string, itemTable: string, column: string, weight: string) => {
    const covered =
      'role' in known
        ? `EXISTS (SELECT 1 FROM "${table}" k WHERE k."roleId" = ? AND k."${column}" = l."${column}")`
        : `l."${column}" IN (SELECT value FROM json_each(?))`;
    const knownParam = 'role' in known ? known.role.rowId : JSON.stringify(known.items.filter((i) => i.type === type).map((i) => i.rowId));
    return {
      text: `SELECT '${type}' AS "__type", ${itemColumnsSql(dataSource, type, 'e')}, l."importance" AS "__importance",
          ${type === 'Skill' ? 'l."importanceScore"' : 'NULL'} AS "__importanceScore", ${weight} AS "__weight", ${covered} AS "__covered"
        FROM "${table}" l JOIN "${itemTable}" e ON e."id" = l."${column}" WHERE l."roleId" = ?`,
      params: [knownParam, to.rowId],
    };
  };
  const skills = arm('Skill', 'role_skill', 'skill', 'skillId', roleSkillWeightSql('l'));
  const tools = arm('Tool', 'role_tool', 'tool', 'toolId', roleToolWeightSql('l'));
  const rows: Record<string, unknown>[] = await dataSource.query(`${skills.text} UNION ALL ${tools.text}`, [
    ...skills.params,
    ...tools.params,
  ]);

  const links = rows.map((row) => ({
    type: row.__type as ItemType,
    item: hydrateItem(dataSource, row.__type as ItemType, row),
    importance: row.__importance as Importance,
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
