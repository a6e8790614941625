import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { CostBudget } from '../src/limits/cost-budget';
import { seededDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

/** Lets every promise that can settle do so. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('a cost budget', () => {
  it('lets requests in while their costs fit, and queues the rest in order', async () => {
    const budget = new CostBudget(100);
    const order: string[] = [];
    const a = await budget.acquire(60);
    const b = budget.acquire(60).then((held) => (order.push('b'), held));
    const c = budget.acquire(10).then((held) => (order.push('c'), held));
    await settle();
    // c would fit, but it does not overtake b, which came first.
    expect(order).toEqual([]);
    expect(budget.queued).toBe(2);
    budget.release(a);
    expect(await b).toBe(60);
    expect(await c).toBe(10);
    expect(order).toEqual(['b', 'c']);
  });

  it('holds at most the whole budget for a request that costs more, so it still runs, alone', async () => {
    const budget = new CostBudget(100);
    expect(await budget.acquire(5_000)).toBe(100);
    let second = false;
    void budget.acquire(1).then(() => (second = true));
    await settle();
    expect(second).toBe(false);
    budget.release(100);
    await settle();
    expect(second).toBe(true);
  });
});

/**
 * Records when each operation (by name) resolves its first field, and when its answer is ready.
 * (Plugins' executionDidStart hooks run side by side, so the first field is the first sign that
 * the budget let the operation in.)
 */
function timeline(): { plugin: ApolloServerPlugin; events: string[] } {
  const events: string[] = [];
  return {
    events,
    plugin: {
      async requestDidStart() {
        return {
          async executionDidStart({ operationName }) {
            let started = false;
            return {
              willResolveField() {
                if (!started) events.push(`${operationName} runs`);
                started = true;
              },
            };
          },
          async willSendResponse({ operationName }) {
            events.push(`${operationName} done`);
          },
        };
      },
    },
  };
}

describe('MAX_COST_IN_FLIGHT through the server', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    ({ dataSource } = await seededDatabase());
  });
  afterAll(async () => {
    await dataSource.destroy();
  });

  // Each costs 20 (roles) + 20 × 21 (skills with names) = 440 by the price registry.
  const heavy = (name: string) => `query ${name} { roles(first: 20) { nodes { name skills(first: 20) { nodes { name } } } } }`;
  const light = (name: string) => `query ${name} { roles(first: 1) { nodes { name } } }`;

  async function run(settings: { maxCostInFlight: number }, queries: string[]) {
    const { plugin, events } = timeline();
    const server = await TestServer.start(dataSource, { maxCost: 10_000, ...settings }, { plugins: [plugin] });
    try {
      const answers = await Promise.all(queries.map((q) => server.query(q)));
      return { events, answers };
    } finally {
      await server.stop();
    }
  }

  it('runs two requests that together cost more than the budget one after the other, both answered in full', async () => {
    const { events, answers } = await run({ maxCostInFlight: 500 }, [heavy('First'), heavy('Second')]);
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
    expect(answers[1].data).toEqual(answers[0].data);
    expect(answers[0].extensions?.cost?.requested).toBeGreaterThan(250);
    expect(events).toEqual(['First runs', 'First done', 'Second runs', 'Second done']);
  });

  it('lets a cheap request run beside a costly one while the budget has room', async () => {
    const { events } = await run({ maxCostInFlight: 500 }, [heavy('Heavy'), light('Light')]);
    expect(events.slice(0, 2).sort()).toEqual(['Heavy runs', 'Light runs']);
  });

  it('runs them side by side with the budget off (0)', async () => {
    const { events } = await run({ maxCostInFlight: 0 }, [heavy('First'), heavy('Second')]);
    expect(events.slice(0, 2)).toEqual(['First runs', 'Second runs']);
  });
});
