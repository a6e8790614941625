import { issueApiKey } from '../src/auth/issue-key';
import { MAX_TEXT_LENGTH } from '../src/extract/extract.service';
import { useSeededServer } from './helpers/served-database';

const EXTRACT = `query ($text: String!, $types: [SearchableType!], $min: Float) {
  extract(text: $text, types: $types, minConfidence: $min) {
    type slug confidence mentions { start end text matched viaAlias confidence }
    node { __typename ... on Tool { name } ... on Skill { name } ... on Role { name } }
  }
}`;

const POSTING = `Backend Engineer
We build REST APIs in Python and store data in Postgres and MongoDB databases.
You know Spring Boot, Ruby
on RAILS, Kubernétes (K8s) and microservices; Node and Golang are a plus. Python's ecosystem matters.`;

interface Found {
  type: string;
  node: { __typename: string; name: string };
  slug: string;
  confidence: number;
  mentions: { start: number; end: number; text: string; matched: string; viaAlias: boolean; confidence: number }[];
}

describe('extract', () => {
  const atlas = useSeededServer();
  const extract = async (text: string, extra: Record<string, unknown> = {}): Promise<Found[]> =>
    (await atlas.server.data(EXTRACT, { text, ...extra })).extract;
  const slugs = (found: Found[]) => found.map((f) => `${f.type}:${f.slug}`);

  it('finds the roles, skills and tools of a posting across case, accents, line breaks, plurals and aliases', async () => {
    const found = await extract(POSTING);
    expect(slugs(found)).toEqual(
      expect.arrayContaining([
        'ROLE:backend-engineer',
        'TOOL:rest',
        'TOOL:python',
        'TOOL:postgresql',
        'TOOL:mongodb',
        'SKILL:database-management',
        'TOOL:spring-boot',
        'TOOL:ruby-on-rails',
        'TOOL:kubernetes',
        'SKILL:microservices-architecture',
        'TOOL:node-js',
        'TOOL:go',
      ]),
    );
    const rails = found.find((f) => f.slug === 'ruby-on-rails')!;
    expect(rails.mentions).toEqual([expect.objectContaining({ text: 'Ruby\non RAILS', matched: 'Ruby on Rails', viaAlias: false })]);
    expect(found.find((f) => f.slug === 'postgresql')!.mentions[0]).toMatchObject({
      text: 'Postgres',
      matched: 'Postgres',
      viaAlias: true,
    });
  });

  it('lets the longest name win: Spring Boot, not Spring; Ruby on Rails, not Ruby', async () => {
    const found = slugs(await extract(POSTING));
    expect(found).not.toContain('TOOL:spring-framework');
    expect(found).not.toContain('TOOL:ruby');
  });

  it('groups repeated mentions under one entity, with UTF-16 offsets that slice the text as written', async () => {
    const text = `🚀 Python first. Then python 🐍 again, and PYTHON.\n${POSTING}`;
    const found = await extract(text);
    const python = found.filter((f) => f.slug === 'python');
    expect(python).toHaveLength(1);
    expect(python[0].mentions.map((m) => m.text)).toEqual(['Python', 'python', 'PYTHON', 'Python', 'Python']);
    expect(python[0].mentions[0].start).toBe(text.indexOf('Python'));
    for (const entity of found) for (const m of entity.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(python[0].confidence).toBeGreaterThan(python[0].mentions[0].confidence);
    expect(python[0].confidence).toBeLessThanOrEqual(1);
  });

  it('reads the base form of a multi-word -ing name, but not of a one-word one', async () => {
    const found = slugs(await extract('You write unit tests and end-to-end tests.'));
    expect(found).toEqual(expect.arrayContaining(['SKILL:unit-testing', 'SKILL:end-to-end-testing']));
    expect(slugs(await extract('We cache nothing and log little.', { types: ['SKILL', 'TOOL'] }))).toEqual([]);
  });

  it('ignores ambiguous names in ordinary prose', async () => {
    const found = await extract('In spring we go to the coast, express our thanks and make plans; rust on the gate, a swift reply.');
    expect(found).toEqual([]);
  });

  it('counts an ambiguous name with context, at a lower confidence', async () => {
    const found = await extract('Stack: Go, Docker and PostgreSQL; Express on the front.');
    const go = found.find((f) => f.slug === 'go')!;
    const docker = found.find((f) => f.slug === 'docker')!;
    expect(go.confidence).toBeLessThan(docker.confidence);
    expect(go.confidence).toBeGreaterThan(0);
    expect(slugs(found)).toContain('TOOL:express-js');
    expect(slugs(await extract('We go to the Docker meetup.'))).not.toContain('TOOL:go');
  });

  it('does not match stop-listed words alone', async () => {
    expect(slugs(await extract('Our organization runs servers for every deployment.'))).toEqual([]);
  });

  it('finds the responsibilities a posting describes in its own words, with the passage as the mention', async () => {
    const text =
      'What you will do:\n• Hook our shop up to payment gateways such as Stripe.\n• Write the technical and API documentation.\nWe go to the coast in spring.';
    const found = (await extract(text, { types: ['RESPONSIBILITY'] })).map((f) => ({
      slug: f.slug,
      confidence: f.confidence,
      mentions: f.mentions,
    }));
    expect(found.map((f) => f.slug)).toEqual(['integrating-payment-gateways', 'writing-technical-and-api-documentation']);
    expect(found[0].mentions).toEqual([
      expect.objectContaining({
        text: 'Hook our shop up to payment gateways such as Stripe',
        matched: 'Integrating payment gateways',
        viaAlias: false,
      }),
    ]);
    for (const f of found) {
      expect(f.confidence).toBeGreaterThanOrEqual(0.5);
      expect(f.confidence).toBeLessThanOrEqual(0.9);
      for (const m of f.mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    }
  });

  it('keeps to the asked types and confidence', async () => {
    const found = await extract(POSTING, { types: ['SKILL'], min: 0.9 });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.type === 'SKILL' && f.confidence >= 0.9)).toBe(true);
    expect(found.map((f) => f.node.__typename)).toEqual(found.map(() => 'Skill'));
  });

  it('loads the nodes of every entity in one statement per type, however many there are', async () => {
    await extract(POSTING);
    const few = await atlas.run(EXTRACT, { text: 'Backend Engineer: Python and caching.' });
    const many = await atlas.run(EXTRACT, { text: `${POSTING}\nYou will integrate payment gateways and write API documentation.` });
    expect(many.data.extract.length).toBeGreaterThan(few.data.extract.length + 5);
    expect(many.statements).toBe(few.statements);
    // Roles, skills, tools and responsibilities: one statement each.
    expect(few.data.extract.map((e: Found) => e.type)).toContain('RESPONSIBILITY');
    expect(many.statements).toBe(4);
  });

  it(`refuses a text longer than ${MAX_TEXT_LENGTH} characters with BAD_USER_INPUT and the limit`, async () => {
    const response = await atlas.server.query(EXTRACT, { text: 'x'.repeat(MAX_TEXT_LENGTH + 1) });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEXT_TOO_LONG', maxLength: MAX_TEXT_LENGTH });
    expect(response.errors?.[0].message).toContain(MAX_TEXT_LENGTH.toLocaleString('en'));
  });

  it('refuses a confidence outside 0 to 1 and an empty list of types', async () => {
    const bad = await atlas.server.query(EXTRACT, { text: 'Python', min: 1.5 });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'minConfidence' });
    const none = await atlas.server.query(EXTRACT, { text: 'Python', types: [] });
    expect(none.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'types' });
  });

  it('is priced by the length of its text', async () => {
    const cost = async (text: string) =>
      (await atlas.server.query(`query ($t: String!) { extract(text: $t) { slug } }`, { t: text })).extensions?.cost?.requested;
    const short = await cost('Python');
    const long = await cost('Python '.repeat(5000));
    expect(long).toBeGreaterThan(short + 100);
  });

  it('sees a skill created through the API in the next extraction', async () => {
    expect(slugs(await extract('We practise event sourcing.'))).toEqual([]);
    const key = (await issueApiKey(atlas.dataSource, { name: 'Extract test', scope: 'write' })).key;
    const created = await atlas.server.data(
      'mutation { createSkill(input: { name: "Event Sourcing", kind: TECHNICAL }) { userErrors { message } } }',
      undefined,
      { authorization: `Bearer ${key}` },
    );
    expect(created.createSkill.userErrors).toEqual([]);
    expect(slugs(await extract('We practise event sourcing.'))).toEqual(['SKILL:event-sourcing']);
  });
});

const MATCH = `query ($text: String, $tools: [ID!], $skills: [ID!]) {
  matchRoles(text: $text, tools: $tools, skills: $skills, first: 5) {
    totalCount edges { score node { slug } }
    extracted { type slug mentions { text } }
  }
}`;

const GAP = `query ($text: String, $have: [ID!]) {
  skillGap(to: "backend-developer", text: $text, have: $have) {
    coverage coveredSkills { skill { slug } } coveredTools { tool { slug } } missingEssentialTools { tool { slug } }
    extracted { type slug }
  }
}`;

const CV = 'Five years with Docker, Kubernetes and Linux; CI/CD pipelines on GitLab, scripting in Python.';

describe('matchRoles(text:) and skillGap(to:, text:)', () => {
  const atlas = useSeededServer();

  it('matches roles against the skills and tools read from the text, and lists them', async () => {
    const byText = (await atlas.server.data(MATCH, { text: CV })).matchRoles;
    const read = byText.extracted.map((e: { slug: string }) => e.slug);
    expect(read).toEqual(expect.arrayContaining(['docker', 'kubernetes', 'linux', 'ci-cd', 'gitlab', 'python']));
    const bySlugs = (await atlas.server.data(MATCH, { tools: read })).matchRoles;
    expect(byText.edges).toEqual(bySlugs.edges);
    expect(byText.totalCount).toBeGreaterThan(0);
    expect(bySlugs.extracted).toBeNull();
  });

  it('gives the gap to a role from a CV, as `have` with the same items gives it', async () => {
    const byText = (await atlas.server.data(GAP, { text: CV })).skillGap;
    const have = byText.extracted.map((e: { slug: string }) => e.slug);
    const byHave = (await atlas.server.data(GAP, { have })).skillGap;
    expect({ ...byText, extracted: null }).toEqual(byHave);
    expect(byText.coverage).toBeGreaterThan(0);
  });

  it('refuses a text beside `have`, and a text that is too long', async () => {
    const both = await atlas.server.query(GAP, { text: CV, have: ['docker'] });
    expect(both.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(both.errors?.[0].message).toContain('exactly one');
    const long = await atlas.server.query(MATCH, { text: 'a'.repeat(MAX_TEXT_LENGTH + 1) });
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEXT_TOO_LONG' });
  });
});
