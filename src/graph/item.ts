import type { DataSource } from 'typeorm';
import type { Importance } from '../shared/enums';
import { hydrate } from '../db/hydrate';
import { Skill } from '../skill/skill.entity';
import { Tool } from '../tool/tool.entity';
import { WeightedSkill, WeightedTool } from './graph.types';
import { byWeightThenName } from './order';

/** Skills and tools are the items roles are compared by. */
export type ItemType = 'Skill' | 'Tool';
export type Item = Skill | Tool;

/** `Skill:12`: one key space for both tables. */
export function itemKey(type: ItemType, rowId: number): string {
  return `${type}:${rowId}`;
}

/** Turns a row selected with `itemColumns` (graph.store.ts) into a Skill or a Tool. */
export function hydrateItem(dataSource: DataSource, type: ItemType, row: Record<string, unknown>): Item {
  return type === 'Skill' ? hydrate(dataSource, Skill, row) : hydrate(dataSource, Tool, row);
}

/** A role's link to a skill or tool, as the scoring statements return it. */
export interface WeightedLink {
  type: ItemType;
  importance: Importance;
  importanceScore: number | null;
  weight: number;
}

/** Sorts a role's links into weighted skills and tools, heaviest first, then by name. */
export function weightedItems(links: readonly (WeightedLink & { item: Item })[]): { skills: WeightedSkill[]; tools: WeightedTool[] } {
  const skills: WeightedSkill[] = [];
  const tools: WeightedTool[] = [];
  for (const { type, item, importance, importanceScore, weight } of links) {
    if (type === 'Skill') skills.push(Object.assign(new WeightedSkill(), { skill: item as Skill, importance, importanceScore, weight }));
    else tools.push(Object.assign(new WeightedTool(), { tool: item as Tool, importance, weight }));
  }
  skills.sort(byWeightThenName((s) => [s.weight, s.skill]));
  tools.sort(byWeightThenName((t) => [t.weight, t.tool]));
  return { skills, tools };
}
