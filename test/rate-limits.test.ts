import { RateLimiter } from '../src/limits/rate-limit';
import { curatedServer } from './helpers/curator';

const QUERY = '{ roles(first: 5) { nodes { slug } } }';

describe('rate limits by query cost', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    world = await curatedServer({ anonymousRateLimitPerMinute: 50, rateLimitPerMinute: 1000 });
  });
  afterAll(() => world.stop());

  it('report the budget left and when it is full again in extensions.cost', async () => {
    const { body } = await world.anonymous.post(QUERY);
    const { requested, remaining, resetAt } = body.extensions!.cost;
    expect(requested).toBeGreaterThan(0);
    expect(remaining).toBe(50 - requested);
    expect(Date.parse(resetAt) - Date.now()).toBeGreaterThan(0);
    expect(Date.parse(resetAt) - Date.now()).toBeLessThanOrEqual(60_000);
  });

  it('refuse an anonymous client past its budget with RATE_LIMITED, HTTP 429 and Retry-After', async () => {
    let answer = await world.anonymous.post(QUERY);
    while (answer.status === 200) answer = await world.anonymous.post(QUERY);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answer.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(answer.body.errors?.[0].message).toContain('send an API key for a larger budget');
    expect(answer.body.data).toBeUndefined();
  });

  it('count a key’s spending apart from its address’s, against the larger budget', async () => {
    const { status, body } = await world.reader.post(QUERY);
    expect(status).toBe(200);
    expect(body.extensions!.cost.remaining).toBe(1000 - body.extensions!.cost.requested);
  });
});

describe('RateLimiter', () => {
  const anonymous = { principal: null, ip: '203.0.113.9' };

  it('fills the budget again when the minute turns', async () => {
    let now = Date.parse('2026-01-01T00:00:10Z');
    const limiter = new RateLimiter({ key: 0, anonymous: 10 }, () => now);
    expect(await limiter.charge(anonymous, 8)).toEqual({ allowed: true, remaining: 2, resetAt: '2026-01-01T00:01:00.000Z' });
    expect(await limiter.charge(anonymous, 3)).toMatchObject({ allowed: false, remaining: 2 });
    now = Date.parse('2026-01-01T00:01:00Z');
    expect(await limiter.charge(anonymous, 3)).toEqual({ allowed: true, remaining: 7, resetAt: '2026-01-01T00:02:00.000Z' });
  });

  it('leaves a client unlimited when its budget is 0', async () => {
    expect(await new RateLimiter({ key: 0, anonymous: 0 }).charge(anonymous, 1e9)).toBeNull();
  });
});
