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
 * the budget let the operation in.) With `gate`, the operation named `Heavy` holds in its
 * executionDidStart, after the budget has let it in, until the one named `Light` has answered (or
 * a second has passed): so whether `Light` could run meanwhile shows whether the budget had room.
 */
function timeline(gate = false): { plugin: ApolloServerPlugin; events: string[]; heavyHolds: Promise<void> } {
  const events: string[] = [];
  let lightDone!: () => void;
  const lightAnswered = new Promise<void>((resolve) => (lightDone = resolve));
  let holding!: () => void;
  const heavyHolds = new Promise<void>((resolve) => (holding = resolve));
  return {
    events,
    heavyHolds,
    plugin: {
      async requestDidStart() {
        return {
          async executionDidStart({ operationName }) {
            if (gate && operationName === 'Heavy') {
              holding();
              await Promise.race([lightAnswered, new Promise((resolve) => setTimeout(resolve, 1000))]);
            }
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
            if (operationName === 'Light') lightDone();
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

  // By the price registry Heavy costs 462 and Light a handful: 500 has room for both, 462 only for Heavy.
  const heavy = (name: string) => `query ${name} { roles(first: 20) { nodes { name skills(first: 20) { nodes { name } } } } }`;
  const light = `query Light { roles(first: 1) { nodes { name } } }`;

  it('runs two requests that together cost more than the budget one after the other, both answered in full', async () => {
    const { plugin, events } = timeline();
    const server = await TestServer.start(dataSource, { maxCost: 10_000, maxCostInFlight: 500 }, { plugins: [plugin] });
    try {
      const answers = await Promise.all([server.query(heavy('First')), server.query(heavy('Second'))]);
      expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
      expect(answers[1].data).toEqual(answers[0].data);
      expect(answers[0].extensions?.cost?.requested).toBe(462);
      // Whichever arrived first ran to its answer before the other began.
      const [a, b] = [events[0].split(' ')[0], events[2].split(' ')[0]];
      expect(new Set([a, b])).toEqual(new Set(['First', 'Second']));
      expect(events).toEqual([`${a} runs`, `${a} done`, `${b} runs`, `${b} done`]);
    } finally {
      await server.stop();
    }
  });

  async function heavyThenLight(maxCostInFlight: number): Promise<string[]> {
    const { plugin, events, heavyHolds } = timeline(true);
    const server = await TestServer.start(dataSource, { maxCost: 10_000, maxCostInFlight }, { plugins: [plugin] });
    try {
      const first = server.query(heavy('Heavy'));
      await heavyHolds;
      await Promise.all([first, server.query(light)]);
      return events;
    } finally {
      await server.stop();
    }
  }

  it('lets a cheap request run while a costly one holds its share, when the budget has room for both', async () => {
    expect(await heavyThenLight(500)).toEqual(['Light runs', 'Light done', 'Heavy runs', 'Heavy done']);
  });

  it('makes the cheap request wait when the costly one holds the whole budget', async () => {
    expect(await heavyThenLight(462)).toEqual(['Heavy runs', 'Heavy done', 'Light runs', 'Light done']);
  });

  it('runs requests side by side with the budget off (0)', async () => {
    expect(await heavyThenLight(0)).toEqual(['Light runs', 'Light done', 'Heavy runs', 'Heavy done']);
  });
});
