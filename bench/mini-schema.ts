import 'reflect-metadata';
import { Arg, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root, buildSchema, registerEnumType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { GraphQLSchema } from 'graphql';
import { Importance } from '../src/shared/enums';

/**
 * The slice of Skill Atlas's schema that the side-by-side queries touch, with the same type and
 * field names, so the same query gives the same answer bytes. Two data backends serve it: plain
 * arrays (the in-memory ceiling) and one TypeORM statement per parent (the naive resolver).
 */

interface CategoryRow {
  id: number;
  name: string;
}
interface ToolRow {
  id: number;
  name: string;
}
interface SkillRow {
  id: number;
  name: string;
  categoryId: number | null;
}
interface RoleRow {
  id: number;
  name: string;
  summary: string;
}
interface ResponsibilityRow {
  id: number;
  name: string;
}
interface Linked<T> {
  importance: Importance;
  node: T;
}

export interface Backend {
  roles(first: number): Promise<RoleRow[]>;
  role(slug: string): Promise<RoleRow | null>;
  roleSkills(roleId: number, first: number): Promise<Linked<SkillRow>[]>;
  roleTools(roleId: number, first: number): Promise<Linked<ToolRow>[]>;
  roleResponsibilities(roleId: number, first: number): Promise<ResponsibilityRow[]>;
  skillTools(skillId: number, first: number): Promise<ToolRow[]>;
  category(id: number): Promise<CategoryRow | null>;
}

interface MiniContext {
  backend: Backend;
}

registerEnumType(Importance, { name: 'Importance' });

@ObjectType('Category')
class CategoryType {
  @Field() name: string;
}

@ObjectType('Tool')
class ToolType {
  @Field() name: string;
}

@ObjectType('SkillToolConnection')
class SkillToolConnection {
  @Field(() => [ToolType]) nodes: ToolRow[];
}

@ObjectType('Skill')
class SkillType {
  id: number;
  categoryId: number | null;
  @Field() name: string;
}

@ObjectType('RoleSkillEdge')
class RoleSkillEdge {
  @Field(() => Importance) importance: Importance;
  @Field(() => SkillType) node: SkillRow;
}

@ObjectType('RoleSkillConnection')
class RoleSkillConnection {
  @Field(() => [RoleSkillEdge]) edges: Linked<SkillRow>[];
  @Field(() => [SkillType]) nodes: SkillRow[];
}

@ObjectType('RoleToolEdge')
class RoleToolEdge {
  @Field(() => Importance) importance: Importance;
  @Field(() => ToolType) node: ToolRow;
}

@ObjectType('RoleToolConnection')
class RoleToolConnection {
  @Field(() => [RoleToolEdge]) edges: Linked<ToolRow>[];
  @Field(() => [ToolType]) nodes: ToolRow[];
}

@ObjectType('Responsibility')
class ResponsibilityType {
  @Field() name: string;
}

@ObjectType('RoleResponsibilityConnection')
class RoleResponsibilityConnection {
  @Field(() => [ResponsibilityType]) nodes: ResponsibilityRow[];
}

@ObjectType('Role')
class RoleType {
  id: number;
  @Field() name: string;
  @Field() summary: string;
}

@ObjectType('RoleConnection')
class RoleConnection {
  @Field(() => [RoleType]) nodes: RoleRow[];
}

const linkedConnection = <T>(links: Linked<T>[]) => ({ edges: links, nodes: links.map((l) => l.node) });

@Resolver(() => RoleType)
class RoleResolver {
  @Query(() => RoleConnection)
  async roles(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: MiniContext) {
    return { nodes: await ctx.backend.roles(first) };
  }

  @Query(() => RoleType, { nullable: true })
  role(@Arg('slug', () => String) slug: string, @Ctx() ctx: MiniContext) {
    return ctx.backend.role(slug);
  }

  @FieldResolver(() => RoleSkillConnection)
  async skills(@Root() role: RoleRow, @Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: MiniContext) {
    return linkedConnection(await ctx.backend.roleSkills(role.id, first));
  }

  @FieldResolver(() => RoleToolConnection)
  async tools(@Root() role: RoleRow, @Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: MiniContext) {
    return linkedConnection(await ctx.backend.roleTools(role.id, first));
  }

  @FieldResolver(() => RoleResponsibilityConnection)
  async responsibilities(@Root() role: RoleRow, @Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: MiniContext) {
    return { nodes: await ctx.backend.roleResponsibilities(role.id, first) };
  }
}

@Resolver(() => SkillType)
class SkillResolver {
  @FieldResolver(() => SkillToolConnection)
  async tools(@Root() skill: SkillRow, @Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: MiniContext) {
    return { nodes: await ctx.backend.skillTools(skill.id, first) };
  }

  @FieldResolver(() => CategoryType, { nullable: true })
  category(@Root() skill: SkillRow, @Ctx() ctx: MiniContext) {
    return skill.categoryId === null ? null : ctx.backend.category(skill.categoryId);
  }
}

export function buildMiniSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [RoleResolver, SkillResolver], validate: false });
}

/** SQLite's `name COLLATE NOCASE, id`, the order Skill Atlas lists by default (NOCASE folds ASCII only). */
const byName = (a: { name: string; id: number }, b: { name: string; id: number }) => {
  const x = a.name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const y = b.name.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return x < y ? -1 : x > y ? 1 : a.id - b.id;
};

/** Every table the queries read, loaded once into arrays and maps, with link lists pre-sorted. */
export async function memoryBackend(dataSource: DataSource): Promise<Backend> {
  const roles = (await dataSource.query('SELECT id, slug, name, summary FROM role')) as (RoleRow & { slug: string })[];
  const skills = new Map(((await dataSource.query('SELECT id, name, categoryId FROM skill')) as SkillRow[]).map((s) => [s.id, s]));
  const tools = new Map(((await dataSource.query('SELECT id, name FROM tool')) as ToolRow[]).map((t) => [t.id, t]));
  const categories = new Map(((await dataSource.query('SELECT id, name FROM category')) as CategoryRow[]).map((c) => [c.id, c]));
  const responsibilities = new Map(
    ((await dataSource.query('SELECT id, name FROM responsibility')) as ResponsibilityRow[]).map((r) => [r.id, r]),
  );
  const group = <T>(rows: { parent: number; item: T }[], key: (item: T) => { name: string; id: number }) => {
    const map = new Map<number, T[]>();
    for (const { parent, item } of rows) {
      const list = map.get(parent) ?? [];
      list.push(item);
      map.set(parent, list);
    }
    for (const list of map.values()) list.sort((a, b) => byName(key(a), key(b)));
    return map;
  };
  type LinkRow = { parent: number; target: number; importance: Importance };
  const links = async (sql: string) => (await dataSource.query(sql)) as LinkRow[];
  const roleSkills = group(
    (await links('SELECT roleId AS parent, skillId AS target, importance FROM role_skill')).map((l) => ({
      parent: l.parent,
      item: { importance: l.importance, node: skills.get(l.target)! },
    })),
    (l) => l.node,
  );
  const roleTools = group(
    (await links('SELECT roleId AS parent, toolId AS target, importance FROM role_tool')).map((l) => ({
      parent: l.parent,
      item: { importance: l.importance, node: tools.get(l.target)! },
    })),
    (l) => l.node,
  );
  const roleResponsibilities = group(
    (await links('SELECT roleId AS parent, responsibilityId AS target FROM role_responsibility')).map((l) => ({
      parent: l.parent,
      item: responsibilities.get(l.target)!,
    })),
    (r) => r,
  );
  const skillTools = group(
    (await links('SELECT skillId AS parent, toolId AS target FROM skill_tool')).map((l) => ({
      parent: l.parent,
      item: tools.get(l.target)!,
    })),
    (t) => t,
  );
  const sortedRoles = [...roles].sort(byName);
  const bySlug = new Map(roles.map((r) => [r.slug, r]));
  return {
    roles: async (first) => sortedRoles.slice(0, first),
    role: async (slug) => bySlug.get(slug) ?? null,
    roleSkills: async (id, first) => (roleSkills.get(id) ?? []).slice(0, first),
    roleTools: async (id, first) => (roleTools.get(id) ?? []).slice(0, first),
    roleResponsibilities: async (id, first) => (roleResponsibilities.get(id) ?? []).slice(0, first),
    skillTools: async (id, first) => (skillTools.get(id) ?? []).slice(0, first),
    category: async (id) => categories.get(id) ?? null,
  };
}

/**
 * What an integrator writes first with TypeORM: every field resolver runs its own query for its
 * one parent, with no batching and no cache, so a page of 20 roles × 10 skills runs 221 statements.
 */
export function naiveBackend(dataSource: DataSource): Backend {
  const linked =
    <T>(table: string, parentColumn: string, targetTable: string, targetColumn: string, columns: string[]) =>
    async (parentId: number, first: number): Promise<Linked<T>[]> => {
      const qb = dataSource
        .createQueryBuilder()
        .from(table, 'l')
        .innerJoin(targetTable, 't', `t.id = l.${targetColumn}`)
        .select(['l.importance AS importance', ...columns.map((c) => `t.${c} AS ${c}`)])
        .where(`l.${parentColumn} = :parentId`, { parentId })
        .orderBy('t.name COLLATE NOCASE', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(first);
      const rows = (await qb.getRawMany()) as (Record<string, unknown> & { importance: Importance })[];
      return rows.map(({ importance, ...node }) => ({ importance, node: node as T }));
    };
  const plain =
    <T>(table: string, parentColumn: string, targetTable: string, targetColumn: string) =>
    async (parentId: number, first: number): Promise<T[]> =>
      (await dataSource
        .createQueryBuilder()
        .from(table, 'l')
        .innerJoin(targetTable, 't', `t.id = l.${targetColumn}`)
        .select(['t.id AS id', 't.name AS name'])
        .where(`l.${parentColumn} = :parentId`, { parentId })
        .orderBy('t.name COLLATE NOCASE', 'ASC')
        .addOrderBy('t.id', 'ASC')
        .limit(first)
        .getRawMany()) as T[];
  return {
    roles: async (first) =>
      (await dataSource
        .createQueryBuilder()
        .from('role', 'r')
        .select(['r.id AS id', 'r.name AS name', 'r.summary AS summary'])
        .orderBy('r.name COLLATE NOCASE', 'ASC')
        .addOrderBy('r.id', 'ASC')
        .limit(first)
        .getRawMany()) as RoleRow[],
    role: async (slug) =>
      ((await dataSource
        .createQueryBuilder()
        .from('role', 'r')
        .select(['r.id AS id', 'r.name AS name', 'r.summary AS summary'])
        .where('r.slug = :slug', { slug })
        .getRawOne()) as RoleRow | undefined) ?? null,
    roleSkills: linked<SkillRow>('role_skill', 'roleId', 'skill', 'skillId', ['id', 'name', 'categoryId']),
    roleTools: linked<ToolRow>('role_tool', 'roleId', 'tool', 'toolId', ['id', 'name']),
    roleResponsibilities: plain<ResponsibilityRow>('role_responsibility', 'roleId', 'responsibility', 'responsibilityId'),
    skillTools: plain<ToolRow>('skill_tool', 'skillId', 'tool', 'toolId'),
    category: async (id) =>
      ((await dataSource
        .createQueryBuilder()
        .from('category', 'c')
        .select(['c.id AS id', 'c.name AS name'])
        .where('c.id = :id', { id })
        .getRawOne()) as CategoryRow | undefined) ?? null,
  };
}
