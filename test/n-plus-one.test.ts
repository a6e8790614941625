import { LARGE_COPIES, useTwoSizes } from './helpers/two-sizes';

// Four levels: roles → skills → tools → roles, each a batched, paged relation.
const DEEP = `{
  roles(first: 100) {
    totalCount
    edges { node { name
      skills(first: 100) { totalCount edges { importance node { name
        tools(first: 100) { totalCount edges { node { name
          roles(first: 100) { totalCount nodes { name } }
        } } }
      } } }
    } }
  }
}`;

const WITH_SOURCES = `{
  roles(first: 100) { nodes { name sources { title }
    skills(first: 100) { edges { sources { title } node { name } } }
  } }
}`;

describe('batching (N+1)', () => {
  const { seeds, onBoth } = useTwoSizes();

  it('runs one statement per level for roles → skills → tools → roles on the seeds', async () => {
    const { statements, data } = await seeds.run(DEEP);
    expect(data.roles.edges.length).toBeGreaterThan(10);
    expect(statements).toBe(4);
  });

  it('runs the same number of statements on a dataset ten times larger', async () => {
    const { small, big } = await onBoth(DEEP);
    expect(big.data.roles.totalCount).toBe(small.data.roles.totalCount * LARGE_COPIES);
  });

  it('adds one statement per level that asks for sources', async () => {
    const { small } = await onBoth(WITH_SOURCES);
    expect(small.statements).toBe(4);
  });
});
