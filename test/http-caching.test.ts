import { createHash } from 'node:crypto';
import { issueApiKey } from '../src/auth/issue-key';
import { writeDataset } from '../src/dataset/dataset.mapping';
import { useSeededServer } from './helpers/served-database';

const ROLE = 'query RoleName($slug: String!) { role(slug: $slug) { name } }';

/** GETs a query as a browser app would (Apollo's CSRF prevention asks for the preflight header). */
async function get(url: string, params: Record<string, unknown>, headers: Record<string, string> = {}) {
  const search = new URLSearchParams(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)] as [string, string]),
  );
  const response = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: text ? JSON.parse(text) : undefined };
}

describe('HTTP caching of GET queries', () => {
  const atlas = useSeededServer();
  const ask = (slug: string, headers?: Record<string, string>) => get(atlas.server.url, { query: ROLE, variables: { slug } }, headers);

  it('gives an answer a weak ETag and a public Cache-Control', async () => {
    const answer = await ask('backend-developer');
    expect(answer.status).toBe(200);
    expect(answer.json.data.role.name).toBeTruthy();
    expect(answer.headers.get('etag')).toMatch(/^W\/"\d+-[\w-]+-[\w-]+"$/);
    expect(answer.headers.get('cache-control')).toBe('public, max-age=60');
  });

  it('answers a matching If-None-Match with 304, no body and no SQL', async () => {
    const tag = (await ask('backend-developer')).headers.get('etag')!;
    let answer: Awaited<ReturnType<typeof ask>> | undefined;
    const statements = await atlas.counter.during(async () => {
      answer = await ask('backend-developer', { 'if-none-match': tag });
    });
    expect(answer!.status).toBe(304);
    expect(answer!.text).toBe('');
    expect(statements).toEqual([]);
  });

  it('tags different variables differently', async () => {
    const a = (await ask('backend-developer')).headers.get('etag');
    const b = (await ask('frontend-developer')).headers.get('etag');
    expect(a).not.toBe(b);
  });

  it('gives a new ETag once the data changes, so an old one gets the new answer', async () => {
    const before = await ask('backend-developer');
    await atlas.dataSource.transaction((manager) =>
      writeDataset(manager, {
        format: 'skill-atlas-dataset',
        version: 1,
        roles: [{ slug: 'cache-probe', name: 'Cache Probe', sources: ['what-does-a-back-end-developer-do'] }],
      }),
    );
    const after = await ask('backend-developer', { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
  });

  it('marks an answer with errors no-store and gives it no ETag', async () => {
    const answer = await get(atlas.server.url, { query: '{ role(slug: "x") { noSuchField } }' });
    expect(answer.headers.get('etag')).toBeNull();
    expect(answer.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps an answer to a request with an API key out of shared caches', async () => {
    const { key } = await issueApiKey(atlas.dataSource, { name: 'cache reader', scope: 'read' });
    const answer = await ask('backend-developer', { authorization: `Bearer ${key}` });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('private, max-age=60');
  });

  it('leaves POST answers without an ETag', async () => {
    const { headers } = await atlas.server.post(ROLE, { slug: 'backend-developer' });
    expect(headers.get('etag')).toBeNull();
  });
});

describe('automatic persisted queries', () => {
  const atlas = useSeededServer({ responseCacheBytes: 1024 * 1024 });
  const QUERY = '{ role(slug: "backend-developer") { name slug } }';
  const persisted = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(QUERY).digest('hex') } };
  const post = (body: Record<string, unknown>) =>
    fetch(atlas.server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(
      async (r) => ({ status: r.status, headers: r.headers, json: await r.json() }),
    );

  it('asks for the query when it does not know the hash', async () => {
    const unknown = { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ __typename }#').digest('hex') } };
    const answer = await post({ extensions: unknown });
    expect(answer.json.errors).toEqual([
      expect.objectContaining({
        message: 'PersistedQueryNotFound',
        extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_FOUND' }),
      }),
    ]);
  });

  it('registers a query sent with its hash, then answers the hash alone, by POST and by cacheable GET', async () => {
    const registered = await post({ query: QUERY, extensions: persisted });
    expect(registered.json.data.role.slug).toBe('backend-developer');

    const byPost = await post({ extensions: persisted });
    expect(byPost.json.data).toEqual(registered.json.data);

    const byGet = await get(atlas.server.url, { extensions: persisted });
    expect(byGet.json.data).toEqual(registered.json.data);
    expect(byGet.headers.get('etag')).toMatch(/^W\//);
    expect(byGet.headers.get('x-cache')).toBe('HIT');
  });

  it('refuses a hash that does not match the query sent with it', async () => {
    const answer = await post({ query: '{ __typename }', extensions: persisted });
    expect(answer.json.errors).toEqual([
      { message: expect.stringContaining('is not the SHA-256 (hex) of the query'), extensions: { code: 'BAD_REQUEST' } },
    ]);
  });
});
