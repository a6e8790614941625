import { curatedServer } from './helpers/curator';

/*
 * A write is a bounded number of statements: it depends on what kind of write it is, never on how
 * many rows it touches, how many links the entity has, or how large the database is. Every list a
 * write reads or writes goes in as one JSON parameter (src/import/import.store.ts).
 */

const IMPORT = 'dryRun summary { list created } userErrors { field message code }';
const dataset = (records: Record<string, unknown>) => ({ format: 'skill-atlas-dataset', version: 1, ...records });

/** `n` new skills, each used by `tools` and cited by the writer's source. */
function skills(prefix: string, n: number, tools: readonly string[]) {
  return Array.from({ length: n }, (_, i) => ({
    slug: `${prefix}-${i}`,
    name: `${prefix} skill ${i}`,
    kind: 'TECHNICAL',
    category: 'databases',
    sources: ['acme-careers-team'],
    tools: tools.map((tool) => ({ tool, sources: ['acme-careers-team'] })),
  }));
}

describe('statements per write', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    world = await curatedServer({ responseCachePollMs: 0 });
  });
  afterAll(() => world.stop());

  /** The statements `action` ran, checking that it reported no userErrors. */
  async function statementsOf(action: () => Promise<{ userErrors: unknown[] }>): Promise<number> {
    let payload: { userErrors: unknown[] } | undefined;
    const statements = await world.counter.during(async () => {
      payload = await action();
    });
    expect(payload!.userErrors).toEqual([]);
    return statements.length;
  }

  it('importDataset runs as many statements for 400 linked, cited skills as for 4', async () => {
    const tools = ['postgresql', 'mysql', 'redis'];
    const few = await statementsOf(() =>
      world.writer.mutate('importDataset', { dataset: dataset({ skills: skills('few', 4, tools) }) }, IMPORT),
    );
    const many = await statementsOf(() =>
      world.writer.mutate('importDataset', { dataset: dataset({ skills: skills('many', 400, tools) }) }, IMPORT),
    );
    const { data } = await world.anonymous.query('{ skill(slug: "many-399") { tools(first: 5) { totalCount } sources { slug } } }');
    expect(data.skill).toEqual({ tools: { totalCount: 3 }, sources: [{ slug: 'acme-careers-team' }] });
    expect(many).toBe(few);
  });

  describe('on roles alike but for how many links the skill has', () => {
    // Twenty roles that each use one tool, so no write leaves a role without links or a pair
    // of roles without anything shared: the writes differ only in how many rows they touch.
    const shapes = Array.from({ length: 20 }, (_, i) => `shape-${i}`);
    beforeAll(async () => {
      const cite = { sources: ['acme-careers-team'] };
      const roles = shapes.map((slug) => ({
        slug,
        name: slug,
        ...cite,
        tools: [{ tool: 'postgresql', importance: 'ESSENTIAL', ...cite }],
      }));
      const payload = await world.writer.mutate('importDataset', { dataset: dataset({ skills: skills('shape', 3, []), roles }) }, IMPORT);
      expect(payload.userErrors).toEqual([]);
    });

    it('linkRoleSkill runs the same statements for the skill’s second link as for its twentieth', async () => {
      const counts: number[] = [];
      for (const role of shapes) {
        counts.push(await statementsOf(() => world.writer.mutate('linkRoleSkill', { role, skill: 'shape-0', importance: 'OPTIONAL' })));
      }
      const { data } = await world.anonymous.query('{ skill(slug: "shape-0") { roles(first: 1) { totalCount } } }');
      expect(data.skill.roles.totalCount).toBe(shapes.length);
      expect(new Set(counts.slice(1))).toEqual(new Set([counts[1]]));
    });

    it('deleteSkill runs the same statements for a skill linked to twenty roles as for one linked to one', async () => {
      // shape-0 keeps a skill after either delete, so both read back the same lists.
      for (const skill of ['shape-1', 'shape-2'])
        await world.writer.mutate('linkRoleSkill', { role: shapes[0], skill, importance: 'OPTIONAL' });
      const twenty = await statementsOf(() => world.writer.mutate('deleteSkill', { slug: 'shape-0' }));
      const one = await statementsOf(() => world.writer.mutate('deleteSkill', { slug: 'shape-1' }));
      const { data } = await world.anonymous.query('{ a: skill(slug: "shape-0") { slug } b: skill(slug: "shape-1") { slug } }');
      expect(data).toEqual({ a: null, b: null });
      expect(twenty).toBe(one);
    });
  });

  it('stores ratings bit for bit, which SQLite would not if they went through JSON text', async () => {
    // Each of these comes back one unit off in the last place from SQLite's JSON parser.
    const ratings = [4.917462, 0.006316, 5.533026];
    const links = ratings.map((level, i) => ({ skill: `rated-${i}`, importance: 'OPTIONAL', level, sources: ['acme-careers-team'] }));
    const role = { slug: 'rating-check', name: 'Rating Check', sources: ['acme-careers-team'], skills: links };
    const records = { skills: skills('rated', ratings.length, []), roles: [role] };
    const payload = await world.writer.mutate('importDataset', { dataset: dataset(records) }, IMPORT);
    expect(payload.userErrors).toEqual([]);
    const { data } = await world.anonymous.query('{ role(slug: "rating-check") { skills(first: 5) { edges { level node { slug } } } } }');
    const stored = new Map(data.role.skills.edges.map((e: { level: number; node: { slug: string } }) => [e.node.slug, e.level]));
    expect(ratings.map((_, i) => stored.get(`rated-${i}`))).toEqual(ratings);
  });
});
