import { apiKeys, revoke } from '../src/auth/api-key.service';
import { runCli } from './helpers/cli';
import { curatedServer } from './helpers/curator';
import { emptyDatabase } from './helpers/test-database';

const CREATE = 'mutation($input: CreateToolInput!) { createTool(input: $input) { tool { slug } userErrors { code } } }';
const input = { input: { name: 'Keyed Tool' } };

describe('API keys', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    world = await curatedServer();
  });
  afterAll(() => world.stop());

  it('refuses a mutation without a key with UNAUTHENTICATED and HTTP 401, saying how to get one', async () => {
    const { status, body } = await world.anonymous.post(CREATE, input);
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0].message).toContain('Authorization: Bearer');
    expect(body.errors?.[0].message).toContain('npm run apikey -- create');
  });

  it('refuses an unknown key, even on a read, with UNAUTHENTICATED', async () => {
    const forged = world.keys.write.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (const query of [CREATE, '{ roles(first: 1) { totalCount } }']) {
      const { status, body } = await world.as(forged).post(query, input);
      expect(status).toBe(401);
      expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('refuses a malformed Authorization header with UNAUTHENTICATED', async () => {
    const { status } = await world.server.post(CREATE, input, { authorization: 'Basic dXNlcjpwYXNz' });
    expect(status).toBe(401);
  });

  it('refuses a key without the write scope with FORBIDDEN and HTTP 403, naming the scope', async () => {
    const { status, body } = await world.reader.post(CREATE, input);
    expect(status).toBe(403);
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(body.errors?.[0].message).toContain('`write` scope');
  });

  it('lets reads through without a key by default', async () => {
    const { status, body } = await world.anonymous.post('{ roles(first: 1) { totalCount } }');
    expect(status).toBe(200);
    expect(body.data.roles.totalCount).toBeGreaterThan(0);
  });

  it('refuses a revoked key from the next request on', async () => {
    const [key] = (await apiKeys(world.dataSource)).filter((k) => k.name === 'admin client');
    const admin = world.as(world.keys.admin);
    expect((await admin.post(CREATE, { input: { name: 'Before Revoke' } })).status).toBe(200);
    expect(await revoke(world.dataSource, key.id)).toBe(true);
    const { status, body } = await admin.post(CREATE, { input: { name: 'After Revoke' } });
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('stores no key in the clear: only a salted hash', async () => {
    const stored = JSON.stringify(await world.dataSource.query('SELECT * FROM "api_key"'));
    for (const key of Object.values(world.keys)) expect(stored).not.toContain(key.slice(16));
    const salts = (await world.dataSource.query('SELECT "salt" FROM "api_key"')).map((r: { salt: string }) => r.salt);
    expect(new Set(salts).size).toBe(salts.length);
  });
});

describe('READ_REQUIRES_KEY=true', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    world = await curatedServer({ readRequiresKey: true });
  });
  afterAll(() => world.stop());

  it('refuses a read without a key with UNAUTHENTICATED', async () => {
    const { status, body } = await world.anonymous.post('{ roles(first: 1) { totalCount } }');
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0].message).toContain('READ_REQUIRES_KEY');
  });

  it('answers a read with a key of the read scope', async () => {
    const { status } = await world.reader.post('{ roles(first: 1) { totalCount } }');
    expect(status).toBe(200);
  });
});

describe('npm run apikey', () => {
  it('creates a key printed once, lists it without its secret, and revokes it', async () => {
    const { dataSource, path } = await emptyDatabase();
    await dataSource.destroy();
    const env = { DATABASE_PATH: path };
    const created = await runCli('apikey', ['create', '--name', 'career site', '--scope', 'write'], env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const key = /^(sa_\S+)$/m.exec(created.stdout)?.[1];
    expect(key).toBeDefined();
    expect(created.stdout).toContain('cite the source "career-site"');

    const listed = await runCli('apikey', ['list'], env);
    expect(listed.stdout).toMatch(/1 {2}career site {2}scope write {2}source career-site .* valid/);
    expect(listed.stdout).not.toContain(key!.slice(16));

    expect((await runCli('apikey', ['revoke', '--id', '1'], env)).code).toBe(0);
    expect((await runCli('apikey', ['list'], env)).stdout).toContain('revoked');
    const again = await runCli('apikey', ['revoke', '--id', '1'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('No valid API key has the id 1');
  });

  it('refuses an unknown scope with the usage exit code', async () => {
    const { dataSource, path } = await emptyDatabase();
    await dataSource.destroy();
    const result = await runCli('apikey', ['create', '--name', 'x', '--scope', 'root'], { DATABASE_PATH: path });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--scope must be one of read, write, admin');
  });
});

describe('managing keys through the API', () => {
  let world: Awaited<ReturnType<typeof curatedServer>>;
  beforeAll(async () => {
    world = await curatedServer();
  });
  afterAll(() => world.stop());

  const CREATE_KEY = 'key id source userErrors { field code }';

  it('needs the admin scope: a write key is FORBIDDEN', async () => {
    const { status, body } = await world.writer.post('mutation { createApiKey(input: { name: "x", scope: "read" }) { key } }');
    expect(status).toBe(403);
    expect(body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('creates a working key shown once, and revokes it', async () => {
    const admin = world.as(world.keys.admin);
    const created = await admin.mutate('createApiKey', { name: 'Partner', scope: 'write', source: 'acme-careers-team' }, CREATE_KEY);
    expect(created).toMatchObject({ source: 'acme-careers-team', userErrors: [] });
    const partner = world.as(created.key);
    const made = await partner.mutate('createTool', { name: 'Partner Tool' }, 'tool { sources { slug } } userErrors { code }');
    expect(made.tool.sources).toEqual([{ slug: 'acme-careers-team' }]);
    expect((await admin.mutate('revokeApiKey', { id: created.id }, 'id userErrors { code }')).id).toBe(created.id);
    expect((await partner.post('{ roles(first: 1) { totalCount } }')).status).toBe(401);
  });

  it('refuses an unknown scope and an unknown source as userErrors', async () => {
    const admin = world.as(world.keys.admin);
    const scope = await admin.mutate('createApiKey', { name: 'Bad', scope: 'root' }, CREATE_KEY);
    expect(scope.userErrors).toEqual([{ field: ['input', 'scope'], code: 'INVALID' }]);
    const source = await admin.mutate('createApiKey', { name: 'Bad', scope: 'read', source: 'no-such-source' }, CREATE_KEY);
    expect(source.userErrors).toEqual([{ field: ['input', 'source'], code: 'NOT_FOUND' }]);
  });
});
