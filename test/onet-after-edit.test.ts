import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { issueApiKey } from '../src/auth/issue-key';
import { importOnet } from '../src/onet/onet.import';
import { projectRoot } from '../src/shared/project-root';
import { KeyClient } from './helpers/curator';
import { readFeed } from './helpers/replay';
import { emptyDatabase } from './helpers/test-database';
import { TestServer } from './helpers/test-server';

const FIXTURE = join(projectRoot(), 'test', 'fixtures', 'onet-mini');
const ROLE = 'database-reliability-engineers';
const READ = `{ role(slug: "${ROLE}") { name summary jobZone aliases revision sources { slug }
  skills(first: 50) { edges { importance importanceScore sources { slug } node { slug } } } } }`;

describe('an O*NET import after a curator’s edits through the API', () => {
  let dataSource: DataSource;
  let server: TestServer;
  let curator: KeyClient;
  let imported: any;
  let edited: { skill: string; importance: string };
  let unlinked: string;

  beforeAll(async () => {
    ({ dataSource } = await emptyDatabase());
    await importOnet(dataSource, FIXTURE);
    server = await TestServer.start(dataSource);
    curator = new KeyClient(server, (await issueApiKey(dataSource, { name: 'Acme careers team', scope: 'write' })).key);
    imported = (await server.data(READ)).role;
    const edge = imported.skills.edges[0];
    edited = { skill: edge.node.slug, importance: edge.importance === 'ESSENTIAL' ? 'OPTIONAL' : 'ESSENTIAL' };
    await curator.mutate('updateRole', { slug: ROLE, name: 'Database Reliability Engineer', summary: 'Keeps Acme’s databases up.' });
    await curator.mutate('linkRoleSkill', { role: ROLE, skill: edited.skill, importance: edited.importance });
    unlinked = imported.skills.edges[1].node.slug;
    await curator.mutate('unlinkRoleSkill', { role: ROLE, skill: unlinked });
    await importOnet(dataSource, FIXTURE);
  });
  afterAll(async () => {
    await server.stop();
    await dataSource.destroy();
  });

  it('keeps the curator’s name and summary, and the old name as an alias', async () => {
    const role = (await server.data(READ)).role;
    expect(role).toMatchObject({ name: 'Database Reliability Engineer', summary: 'Keeps Acme’s databases up.' });
    expect(role.aliases).toContain(imported.name);
    expect(role.sources.map((s: { slug: string }) => s.slug).sort()).toEqual(['acme-careers-team', 'onet']);
  });

  it('still rewrites what only O*NET states: the job zone and the link’s importance score', async () => {
    const role = (await server.data(READ)).role;
    expect(role.jobZone).toBe(imported.jobZone);
    const edge = role.skills.edges.find((e: { node: { slug: string } }) => e.node.slug === edited.skill);
    const before = imported.skills.edges.find((e: { node: { slug: string } }) => e.node.slug === edited.skill);
    expect(edge.importanceScore).toBe(before.importanceScore);
  });

  it('keeps the curator’s importance on the link, cited by both sources', async () => {
    const role = (await server.data(READ)).role;
    const edge = role.skills.edges.find((e: { node: { slug: string } }) => e.node.slug === edited.skill);
    expect(edge.importance).toBe(edited.importance);
    expect(edge.sources.map((s: { slug: string }) => s.slug).sort()).toEqual(['acme-careers-team', 'onet']);
  });

  it('does not assert again a link the curator removed, until the curator links it again', async () => {
    const skills = async () => (await server.data(READ)).role.skills.edges.map((e: { node: { slug: string } }) => e.node.slug);
    expect(imported.skills.edges.map((e: { node: { slug: string } }) => e.node.slug)).toContain(unlinked);
    expect(await skills()).not.toContain(unlinked);
    await curator.mutate('linkRoleSkill', { role: ROLE, skill: unlinked, importance: 'OPTIONAL' });
    await curator.mutate('unlinkRoleSkill', { role: ROLE, skill: unlinked });
    await curator.mutate('linkRoleSkill', { role: ROLE, skill: unlinked, importance: 'OPTIONAL' });
    await importOnet(dataSource, FIXTURE);
    expect(await skills()).toContain(unlinked);
  });

  it('records each O*NET import that changed something in the feed, as one IMPORT summary', async () => {
    const { changes } = await readFeed(server);
    const imports = changes.filter((c) => c.action === 'IMPORT');
    // The first created everything. The second found nothing to change (the curator's edits stand),
    // so it is not there. The third rated the link the curator had linked again and cited it.
    expect(imports).toHaveLength(2);
    expect(imports[0]).toMatchObject({ list: 'imports', slug: 'onet' });
    expect(imports[0].after).toMatchObject({ entities: { role: { created: 6 } } });
    expect(imports[1].after).toMatchObject({ links: { role_skill: { created: 0, updated: 1 } }, citations: { added: 1 } });
  });
});
