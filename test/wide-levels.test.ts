import type { DataSource } from 'typeorm';
import type { Dataset } from '../src/dataset/dataset.format';
import { writeDataset } from '../src/dataset/dataset.mapping';
import { Importance } from '../src/shared/enums';
import { SkillKind } from '../src/skill/skill.entity';
import type { StatementCounter } from './helpers/statement-counter';
import { emptyDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

const ROLES = 100;
const SKILLS_PER_ROLE = 15;

/**
 * 100 roles with 15 skills of their own each, every skill in a category of its own and practised
 * with one tool: the second level of `roles(first: 100) { skills(first: 100) { … } }` has 1,500
 * parents, more than any batch-size split would allow in one statement.
 */
function wideDataset(): Dataset {
  const sources = ['wide-source'];
  const skills = Array.from({ length: ROLES * SKILLS_PER_ROLE }, (_, i) => ({
    slug: `skill-${i}`,
    name: `Skill ${i}`,
    kind: SkillKind.TECHNICAL,
    category: `category-${i}`,
    sources,
    tools: [{ tool: `tool-${i % 50}`, sources }],
  }));
  return {
    format: 'skill-atlas-dataset',
    version: 1,
    sources: [{ slug: 'wide-source', title: 'A generated source' }],
    categories: skills.map((skill, i) => ({ slug: skill.category, name: `Category ${i}` })),
    tools: Array.from({ length: 50 }, (_, i) => ({ slug: `tool-${i}`, name: `Tool ${i}`, sources })),
    skills,
    roles: Array.from({ length: ROLES }, (_, r) => ({
      slug: `role-${r}`,
      name: `Role ${r}`,
      sources,
      skills: Array.from({ length: SKILLS_PER_ROLE }, (_, k) => ({
        skill: `skill-${r * SKILLS_PER_ROLE + k}`,
        importance: Importance.ESSENTIAL,
        sources,
      })),
    })),
  };
}

describe('a level with more than 1,000 parents', () => {
  let db: { dataSource: DataSource; counter: StatementCounter };
  let server: TestServer;

  beforeAll(async () => {
    db = await emptyDatabase();
    await db.dataSource.transaction((manager) => writeDataset(manager, wideDataset()));
    server = await TestServer.start(db.dataSource);
  });
  afterAll(async () => {
    await server.stop();
    await db.dataSource.destroy();
  });

  it('is loaded in one statement per relation: 1,500 skills get their tools, categories and link sources in one statement each', async () => {
    const query = `{ roles(first: 100) { nodes { skills(first: 100) { edges { sources { slug } node { slug category { slug } tools(first: 1) { nodes { slug } } } } } } } }`;
    let data:
      | { roles: { nodes: { skills: { edges: { node: { category: { slug: string }; tools: { nodes: unknown[] } } }[] } }[] } }
      | undefined;
    const statements = await db.counter.during(async () => {
      data = await server.data(query);
    });
    const edges = data!.roles.nodes.flatMap((r) => r.skills.edges);
    expect(edges).toHaveLength(ROLES * SKILLS_PER_ROLE);
    expect(edges.every((e) => e.node.tools.nodes.length === 1)).toBe(true);
    expect(new Set(edges.map((e) => e.node.category.slug)).size).toBe(ROLES * SKILLS_PER_ROLE);
    // Roles; their skills; then, for all 1,500 skills at once, their tools, their categories, and the
    // sources of the links they came through: five statements, however many parents a level has.
    expect(statements).toHaveLength(5);
  });
});
