import { auditServer, type AuditFail, type AuditResult } from 'graphql-http';
import { useSeededServer } from './helpers/served-database';

/*
 * The GraphQL over HTTP audit (graphql-http's serverAudits) against the real server. Only the
 * notices about CSRF may remain: they ask a server to refuse requests that a browser may send
 * from another site without a preflight (a GET, or a POST with a "simple" content type), and this
 * API's reads are public, meant to be read from any origin.
 */
describe('the GraphQL over HTTP audit', () => {
  const atlas = useSeededServer();
  let results: AuditResult[];
  beforeAll(async () => {
    results = await auditServer({ url: atlas.server.url });
  });

  const failing = (status: string) => results.filter((r) => r.status === status).map((r) => `${r.name}: ${'reason' in r ? r.reason : ''}`);

  it('runs every audit', () => {
    expect(results.length).toBeGreaterThan(50);
  });

  it('finds no error', () => {
    expect(failing('error')).toEqual([]);
  });

  it('finds no warning', () => {
    expect(failing('warn')).toEqual([]);
  });

  it('leaves only notices about CSRF: ones that say so, or GETs that Apollo refused as a possible CSRF', async () => {
    const notices = results.filter((r): r is AuditFail => r.status === 'notice');
    const unexplained: string[] = [];
    for (const notice of notices) {
      const answer = await notice.response.clone().text();
      if (!/CSRF/.test(notice.name) && !/Cross-Site Request Forgery/.test(answer)) unexplained.push(`${notice.name}: ${answer}`);
    }
    expect(unexplained).toEqual([]);
  });

  const statusOf = async (query: string, accept: string) =>
    (
      await fetch(atlas.server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query }),
      })
    ).status;

  it('answers a document that does not parse with 200 under application/json, 400 under application/graphql-response+json', async () => {
    expect(await statusOf('{ role(', 'application/json')).toBe(200);
    expect(await statusOf('{ role(', 'application/graphql-response+json')).toBe(400);
  });

  it("keeps the server's own refusals at 400 under application/json (a query past the depth limit)", async () => {
    const deep = `{ role(slug: "backend-developer") { ${'broader { '.repeat(25)}name${' }'.repeat(25)} } }`;
    expect(await statusOf(deep, 'application/json')).toBe(400);
  });
});
