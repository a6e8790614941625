import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { importOnet } from '../src/onet/onet.import';
import { toGlobalId } from '../src/shared/global-id';
import { projectRoot } from '../src/shared/project-root';
import { useChromium } from './helpers/chromium';
import { SHIPPED_LIMITS } from './helpers/limits';
import { useSeededServer } from './helpers/served-database';

/** A few O*NET occupations, some matching curated roles, so the graph mixes curated and imported facts. */
const ONET_MINI = join(projectRoot(), 'test', 'fixtures', 'onet-mini');

/** Screenshots of each step, for people to look at (gitignored). */
const ARTIFACTS = join(projectRoot(), 'test-artifacts');

interface DrawnNode {
  id: string;
  label: string;
  type: string;
  x: number;
  y: number;
}

/** An explorer page with every request the offline route refused, every CSP violation and every GraphQL answer it got. */
interface Visit {
  page: Page;
  blocked: string[];
  violations: string[];
}

describe('the Atlas explorer in a real browser, on the seeds and a small O*NET release', () => {
  // The shipped request limits, so a query of the page that costs too much is refused here too.
  const atlas = useSeededServer(SHIPPED_LIMITS);
  const chromium = useChromium();
  const origin = () => new URL(atlas.server.url).origin;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await importOnet(atlas.dataSource, ONET_MINI);
  });

  /** Opens `/explore` + `search` with every request to another host refused, and waits until it is ready. */
  async function visit(search = ''): Promise<Visit> {
    const context = await chromium.browser.newContext({ viewport: { width: 1500, height: 900 } });
    const page = await context.newPage();
    const blocked: string[] = [];
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`page error: ${error.message}`));
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin()) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    await page.goto(`${origin()}/explore${search}`, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as any).explorer?.state.ready === true, undefined, { timeout: 30_000 });
    return { page, blocked, violations };
  }

  const drawn = (page: Page): Promise<DrawnNode[]> => page.evaluate(() => (window as any).explorer.drawn());
  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `explore-${name}.png`) });

  /** Types into an autocomplete box and picks the suggestion with `slug`. */
  async function pick(page: Page, input: string, text: string, slug: string): Promise<void> {
    await page.locator(input).fill(text);
    await page.locator(`${input} ~ .suggestions li[data-slug="${slug}"]`).click({ timeout: 30_000 });
  }

  /** The GraphQL requests the page made, with any errors they got. */
  const requests = (page: Page): Promise<{ name: string; status: number; errors: unknown[] }[]> =>
    page.evaluate(() => (window as any).explorer.state.requests);

  /** The nodes skillGraph answers for a role at depth 1 with only these link kinds. */
  async function graphOf(slug: string, kinds: string[]): Promise<{ id: string; label: string }[]> {
    const answer = await atlas.server.data(
      `{ skillGraph(root: "${toGlobalId('Role', slug)}", depth: 1, maxNodes: 200, kinds: [${kinds.join(', ')}]) { nodes { id label } } }`,
    );
    return answer.skillGraph.nodes;
  }

  /** Waits until the status line says a drawing is on screen. */
  const untilDrawn = (page: Page) =>
    page
      .locator('#status')
      .getByText(/drawn in/)
      .waitFor({ timeout: 30_000 });

  /** Every GraphQL request of the visit was answered without errors, nothing left the server, and the page broke no policy. */
  async function expectCleanVisit({ page, blocked, violations }: Visit): Promise<void> {
    expect((await requests(page)).filter((r) => r.errors.length > 0 || r.status !== 200)).toEqual([]);
    expect(blocked).toEqual([]);
    expect(violations).toEqual([]);
  }

  /** Opens the explorer at `search`, runs `steps`, checks the visit stayed clean, and closes it. */
  async function inExplorer(search: string, steps: (page: Page) => Promise<void>): Promise<void> {
    const visited = await visit(search);
    try {
      await steps(visited.page);
      await expectCleanVisit(visited);
    } finally {
      await visited.page.context().close();
    }
  }

  /** Drawn nodes as "id label", sorted, for comparing with an API answer. */
  const labelled = (nodes: { id: string; label: string }[]) => nodes.map((n) => `${n.id} ${n.label}`).sort();

  it('finds Kubernetes, draws, expands, shows a link’s sources and a skill gap, with no request leaving the server', async () => {
    await inExplorer('', async (page) => {
      // Search "kube" and pick Kubernetes: its neighbourhood is drawn, labelled, as skillGraph answers.
      await pick(page, '#search', 'kube', 'kubernetes');
      await untilDrawn(page);
      const kubernetes = toGlobalId('Tool', 'kubernetes');
      const api = await atlas.server.data(
        `{ skillGraph(root: "${kubernetes}", depth: 2, maxNodes: 200) { nodes { id label level } edges { kind source target } } }`,
      );
      const first = await drawn(page);
      expect(labelled(first)).toEqual(labelled(api.skillGraph.nodes));
      expect(first.length).toBeGreaterThan(10);
      const box = (await page.locator('#graph').boundingBox())!;
      expect(first.every((n) => n.x >= box.x && n.x <= box.x + box.width && n.y >= box.y && n.y <= box.y + box.height)).toBe(true);
      expect((await page.evaluate(() => (window as any).explorer.edges())).length).toBe(api.skillGraph.edges.length);
      expect(new URL(page.url()).search).toBe('?view=graph&root=kubernetes&type=tool&depth=2&maxNodes=200');
      await shot(page, '1-kubernetes');

      // Click a node at the edge of the drawing whose own neighbours are not all drawn: they appear around it.
      const drawnIds = new Set(first.map((n) => n.id));
      let target: { id: string; neighbours: string[] } | undefined;
      for (const node of api.skillGraph.nodes.filter((n: any) => n.level === 2)) {
        const around = await atlas.server.data(`{ skillGraph(root: "${node.id}", depth: 1, maxNodes: 40) { nodes { id } } }`);
        const neighbours = around.skillGraph.nodes.map((n: any) => n.id);
        if (neighbours.some((id: string) => !drawnIds.has(id))) {
          target = { id: node.id, neighbours };
          break;
        }
      }
      expect(target).toBeDefined();
      const spot = first.find((n) => n.id === target!.id)!;
      await page.mouse.click(spot.x, spot.y);
      await page.waitForFunction((id) => (window as any).explorer.state.graph.expanded.includes(id), target!.id, { timeout: 30_000 });
      const expanded = new Set((await drawn(page)).map((n) => n.id));
      expect(target!.neighbours.every((id) => expanded.has(id))).toBe(true);
      expect(expanded.size).toBeGreaterThan(drawnIds.size);
      expect(new URL(page.url()).searchParams.get('expand')).toBe(target!.id);
      await shot(page, '2-expanded');

      // Click Kubernetes, then one of its links in the panel: the panel lists the sources that link cites.
      const root = (await drawn(page)).find((n) => n.id === kubernetes)!;
      await page.mouse.click(root.x, root.y);
      await page.locator('#panel h2').getByText('Kubernetes', { exact: true }).waitFor({ timeout: 30_000 });
      const link = page.locator('#panel .links li[data-edge^="ROLE_TOOL:"]').first();
      const edgeId = (await link.getAttribute('data-edge'))!;
      const role = edgeId.split(':')[1];
      await link.click();
      await page.locator('#panel .link-sources li').first().waitFor({ timeout: 30_000 });
      const tools = await atlas.server.data(
        `{ node(id: "${role}") { ... on Role { tools(first: 100) { edges { node { id } sources { title } } } } } }`,
      );
      const cited = tools.node.tools.edges.find((e: any) => e.node.id === kubernetes).sources.map((s: any) => s.title);
      const shown = await page.locator('#panel .link-sources li').evaluateAll((items) => items.map((li) => li.firstChild!.textContent));
      expect(shown).toEqual(cited);
      await shot(page, '3-link-sources');

      // The address holds the link shown: opened again, it draws the same graph, expanded, with the same sources in the panel.
      const address = new URL(page.url());
      expect(address.searchParams.get('link')).toBe(edgeId);
      // Clicking Kubernetes expanded it too (its neighbours were all drawn already).
      expect(address.searchParams.get('expand')).toBe(`${target!.id},${kubernetes}`);
      await page.goto(address.toString(), { waitUntil: 'load' });
      await page.locator('#panel .link-sources li').first().waitFor({ timeout: 30_000 });
      expect(await page.locator('#panel .link-sources li').evaluateAll((items) => items.map((li) => li.firstChild!.textContent))).toEqual(
        cited,
      );
      expect(new Set((await drawn(page)).map((n) => n.id))).toEqual(expanded);

      // A skill gap between two roles: missing essentials listed as skillGap answers, drawn with red rings.
      await page.locator('#views button[data-view="gap"]').click();
      await pick(page, '#gapTo', 'backend dev', 'backend-developer');
      await pick(page, '#gapFrom', 'front-end', 'front-end-developer');
      await page.locator('#gapRun').click();
      await page.locator('#gap-missing-essential').waitFor({ timeout: 30_000 });
      const gap = await atlas.server.data(
        `{ skillGap(from: "front-end-developer", to: "backend-developer") { missingEssentialSkills { skill { name } } missingEssentialTools { tool { name } } coveredSkills { skill { name } } coveredTools { tool { name } } } }`,
      );
      const essentials = [
        ...gap.skillGap.missingEssentialSkills.map((w: any) => w.skill.name),
        ...gap.skillGap.missingEssentialTools.map((w: any) => w.tool.name),
      ];
      expect(essentials.length).toBeGreaterThan(0);
      expect(
        await page.locator('#gap-missing-essential li').evaluateAll((items) => items.map((li) => li.firstChild!.textContent!.trim())),
      ).toEqual(essentials);
      const ringed = await page.evaluate(() =>
        (window as any).explorer.state.cy.nodes('.missing-essential').map((n: any) => n.data('label')),
      );
      expect(ringed.sort()).toEqual([...essentials].sort());
      expect(new URL(page.url()).search).toBe('?view=gap&to=backend-developer&from=front-end-developer');
      await shot(page, '4-skill-gap');
    });
  });

  it('opens the state a shared address holds: a root at a depth, and a role match', async () => {
    await inExplorer('?root=backend-developer&depth=1', async (page) => {
      await untilDrawn(page);
      const api = await atlas.server.data(
        `{ skillGraph(root: "${toGlobalId('Role', 'backend-developer')}", depth: 1, maxNodes: 200) { nodes { id label } } }`,
      );
      expect(labelled(await drawn(page))).toEqual(labelled(api.skillGraph.nodes));

      // The link kinds: an address with one kind draws only those links; ticking another redraws with both.
      await page.goto(`${origin()}/explore?root=backend-developer&depth=1&kinds=ROLE_SKILL`, { waitUntil: 'load' });
      await untilDrawn(page);
      expect(labelled(await drawn(page))).toEqual(labelled(await graphOf('backend-developer', ['ROLE_SKILL'])));
      await page.locator('#kinds input[value="ROLE_TOOL"]').check();
      await page.waitForURL(/kinds=ROLE_SKILL,ROLE_TOOL/, { timeout: 30_000 });
      await untilDrawn(page);
      expect(labelled(await drawn(page))).toEqual(labelled(await graphOf('backend-developer', ['ROLE_SKILL', 'ROLE_TOOL'])));

      await page.goto(`${origin()}/explore?view=match&skills=caching,ci-cd&tools=kubernetes`, { waitUntil: 'load' });
      await page.locator('#match-results li').first().waitFor({ timeout: 30_000 });
      const match = await atlas.server.data(
        `{ matchRoles(skills: ["caching", "ci-cd"], tools: ["kubernetes"], first: 15) { nodes { name } } }`,
      );
      const listed = await page.locator('#match-results li strong').allTextContents();
      expect(listed).toEqual(match.matchRoles.nodes.map((r: any) => r.name));
      expect(listed.length).toBeGreaterThan(0);
      await shot(page, '5-role-match');
    });
  });

  it('hides the nodes and links that only curated, or only imported, sources support when asked', async () => {
    await inExplorer('?root=postgresql&type=tool&depth=1', async (page) => {
      await untilDrawn(page);
      const all = await drawn(page);
      const cited = await atlas.server.data(
        `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Role { id sources { version } } ... on Skill { id sources { version } } ... on Tool { id sources { version } } ... on Responsibility { id sources { version } } } }`,
        { ids: all.map((n) => n.id) },
      );
      const versions = new Map<string, (string | null)[]>(
        cited.nodes.filter((n: any) => n?.id).map((n: any) => [n.id, n.sources.map((s: any) => s.version)]),
      );
      const root = toGlobalId('Tool', 'postgresql');
      /** The drawn nodes a filter keeps: the root, categories (which cite nothing), and those citing a source of that kind. */
      const kept = (keep: (version: string | null) => boolean) =>
        all
          .filter((n) => n.id === root || !versions.has(n.id) || versions.get(n.id)!.some(keep))
          .map((n) => n.id)
          .sort();
      const visible = async () => (await drawn(page)).map((n) => n.id).sort();
      // The links, with the sources SkillGraphEdge.sources gives each (the page drew them from the same query).
      const graph = await atlas.server.data(
        `{ skillGraph(root: "${root}", depth: 1, maxNodes: 200) { edges(first: 600) { kind source target sources { version } } } }`,
      );
      /** The drawn links a filter keeps: both ends kept, and filing under a category or a source of that kind. */
      const keptLinks = (nodes: string[], keep: (version: string | null) => boolean) =>
        graph.skillGraph.edges
          .filter((e: any) => nodes.includes(e.source) && nodes.includes(e.target))
          .filter((e: any) => e.kind === 'CATEGORY' || e.sources.some((s: any) => keep(s.version)))
          .map((e: any) => `${e.kind}:${e.source}:${e.target}`)
          .sort();
      const visibleLinks = async () => ((await page.evaluate(() => (window as any).explorer.edges())) as string[]).sort();
      expect(await visibleLinks()).toHaveLength(graph.skillGraph.edges.length);

      await page.locator('input[name="prov"][value="imported"]').check();
      await page.waitForURL(/prov=imported/, { timeout: 30_000 });
      const imported = kept((version) => version !== null);
      expect(await visible()).toEqual(imported);
      expect(imported.length).toBeLessThan(all.length);
      expect(imported.length).toBeGreaterThan(1);
      const importedLinks = keptLinks(imported, (version) => version !== null);
      expect(await visibleLinks()).toEqual(importedLinks);
      expect(importedLinks.length).toBeGreaterThan(0);
      await shot(page, '6-imported-only');

      await page.locator('input[name="prov"][value="curated"]').check();
      await page.waitForURL(/prov=curated/, { timeout: 30_000 });
      const curated = kept((version) => version === null);
      expect(await visible()).toEqual(curated);
      expect(curated.length).toBeLessThan(all.length);
      expect(curated.length).toBeGreaterThan(1);
      const curatedLinks = keptLinks(curated, (version) => version === null);
      expect(await visibleLinks()).toEqual(curatedLinks);
      expect(curatedLinks.length).toBeGreaterThan(0);
      expect(Math.min(curatedLinks.length, importedLinks.length)).toBeLessThan(graph.skillGraph.edges.length);

      await page.locator('input[name="prov"][value="all"]').check();
      await page.waitForURL((url) => !url.searchParams.has('prov'), { timeout: 30_000 });
      expect(await visible()).toEqual(all.map((n) => n.id).sort());
      expect(await visibleLinks()).toHaveLength(graph.skillGraph.edges.length);
    });
  });

  it('says what is wrong when the address names nothing, and draws nothing', async () => {
    await inExplorer('?root=telepathy', async (page) => {
      await page.locator('#status.error').getByText('NOT_FOUND: nothing has the slug "telepathy"').waitFor({ timeout: 30_000 });
      expect(await drawn(page)).toEqual([]);
    });
  });

  it('is linked from the playground and served under a policy that runs only its own script files', async () => {
    const playground = await fetch(atlas.server.url, { headers: { accept: 'text/html' } });
    expect(await playground.text()).toContain('href="/explore"');
    const page = await fetch(`${origin()}/explore`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'(;|$)/);
    expect(await page.text()).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    const library = await fetch(`${origin()}/explore/vendor/cytoscape.min.js`);
    expect(library.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await library.text()).length).toBeGreaterThan(100_000);
    // Only the listed files are served: anything else under /explore is not a file read from disk.
    const outside = await fetch(`${origin()}/explore/vendor/../../package.json`);
    expect(await outside.text()).not.toContain('"name": "skill-atlas"');
    const unlisted = await fetch(`${origin()}/explore/explore.route.ts`);
    expect(await unlisted.text()).not.toContain('exploreRoutes');
  });
});
