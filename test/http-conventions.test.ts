import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { loadConfig } from '../src/config';
import { useSeededServer } from './helpers/served-database';

/** A raw request (fetch would decompress and hide the encoding), with the body as sent on the wire. */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

const LARGE_QUERY = JSON.stringify({ query: '{ skills(first: 50) { nodes { name description } } }' });
const SMALL_QUERY = JSON.stringify({ query: '{ __typename }' });
const post = (body: string, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body,
});

describe('CORS by default', () => {
  const atlas = useSeededServer();

  it('lets any origin read answers, without credentials', async () => {
    const answer = await raw(atlas.server.url, post(SMALL_QUERY, { origin: 'https://app.example.com' }));
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
    expect(answer.headers['access-control-expose-headers']).toContain('x-request-id');
  });

  it('answers a preflight that asks for the Authorization header', async () => {
    const answer = await raw(atlas.server.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe('*');
    expect(answer.headers['access-control-allow-headers']).toBe('authorization, content-type');
    expect(answer.headers['access-control-allow-methods']).toContain('POST');
  });
});

describe('CORS with CORS_ORIGINS set', () => {
  const atlas = useSeededServer({ corsOrigins: ['https://app.example.com'] });

  it('names a listed origin', async () => {
    const answer = await raw(atlas.server.url, post(SMALL_QUERY, { origin: 'https://app.example.com' }));
    expect(answer.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(answer.headers.vary).toContain('Origin');
  });

  it('gives another origin no permission to read (the browser then hides the answer)', async () => {
    const answer = await raw(atlas.server.url, post(SMALL_QUERY, { origin: 'https://evil.example.net' }));
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('compression', () => {
  const atlas = useSeededServer();

  it('sends a large answer with brotli when the client accepts it', async () => {
    const answer = await raw(atlas.server.url, post(LARGE_QUERY, { 'accept-encoding': 'gzip, br' }));
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers.vary).toContain('Accept-Encoding');
    const json = JSON.parse(brotliDecompressSync(answer.body).toString('utf8'));
    expect(json.data.skills.nodes.length).toBe(50);
  });

  it('sends gzip to a client that accepts only gzip', async () => {
    const answer = await raw(atlas.server.url, post(LARGE_QUERY, { 'accept-encoding': 'gzip' }));
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(answer.body).toString('utf8')).data.skills.nodes.length).toBe(50);
  });

  it('sends a large answer as it is to a client that accepts no coding, or refuses them with q=0', async () => {
    for (const accept of [undefined, 'br;q=0, gzip;q=0']) {
      const answer = await raw(atlas.server.url, post(LARGE_QUERY, accept ? { 'accept-encoding': accept } : {}));
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(answer.body.toString('utf8')).data.skills.nodes.length).toBe(50);
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    }
  });

  it('leaves a small answer uncompressed', async () => {
    const answer = await raw(atlas.server.url, post(SMALL_QUERY, { 'accept-encoding': 'gzip, br' }));
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({ data: { __typename: 'Query' } });
  });
});

describe('security headers on the playground page', () => {
  const atlas = useSeededServer();
  let page: Awaited<ReturnType<typeof raw>>;
  beforeAll(async () => {
    page = await raw(atlas.server.url, { headers: { accept: 'text/html' } });
  });

  it('has a Content-Security-Policy that allows its inline scripts by hash and nothing from elsewhere', () => {
    const policy = String(page.headers['content-security-policy']);
    expect(policy).toMatch(/script-src( 'sha256-[A-Za-z0-9+/=]+')+;/);
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('says nosniff, sends no referrer and may not be framed', () => {
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
  });

  it('is not sent on GraphQL answers, which are not pages', async () => {
    const answer = await raw(atlas.server.url, post(SMALL_QUERY));
    expect(answer.headers['content-security-policy']).toBeUndefined();
  });
});

describe('the settings', () => {
  it('read CORS_ORIGINS as * or a list of origins', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.com, http://localhost:3000' }).corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:3000',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example.com/path' })).toThrow(/"https:\/\/a.example.com\/path" is not an origin/);
  });

  it('refuse a LOG_LEVEL pino does not have, naming the ones it does', () => {
    expect(loadConfig({}).logLevel).toBe('info');
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });
});
