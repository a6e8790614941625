import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { toGlobalId } from '../src/shared/global-id';
import { projectRoot } from '../src/shared/project-root';
import { useChromium } from './helpers/chromium';
import { useSeededServer } from './helpers/served-database';

const EXAMPLE = join(projectRoot(), 'src', 'playground', 'skill-graph-example.html');

describe('the skill graph drawing example in a real browser', () => {
  const atlas = useSeededServer();
  const chromium = useChromium();

  /** Opens the page against the test server, refusing every request to another host. */
  async function open(query: Record<string, string>): Promise<{ page: Page; blocked: string[] }> {
    const page = await chromium.browser.newPage({ viewport: { width: 1200, height: 800 } });
    const blocked: string[] = [];
    const origin = new URL(atlas.server.url).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith(origin)) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    const url = pathToFileURL(EXAMPLE);
    url.search = new URLSearchParams({ endpoint: atlas.server.url, ...query }).toString();
    await page.goto(url.toString(), { waitUntil: 'load' });
    return { page, blocked };
  }

  it('draws the graph the API returns for a role slug, with nothing fetched from another host', async () => {
    const { page, blocked } = await open({ root: 'backend-developer', depth: '2', maxNodes: '120' });
    try {
      await page.locator('#status').getByText(/nodes/).waitFor({ timeout: 30_000 });
      const api = await atlas.server.data(
        `{ skillGraph(root: "${toGlobalId('Role', 'backend-developer')}", depth: 2, maxNodes: 120) { truncated nodes { id } edges { source } } }`,
      );
      const drawn = await page.evaluate(() => {
        const state = (window as any).skillGraphState;
        return {
          nodes: state.nodes.map((n: any) => n.id),
          edges: state.edges.length,
          placed: state.nodes.every((n: any) => Number.isFinite(n.x) && Number.isFinite(n.y)),
        };
      });
      expect(drawn.nodes).toEqual(api.skillGraph.nodes.map((n: any) => n.id));
      expect(drawn.edges).toBe(api.skillGraph.edges.length);
      expect(drawn.placed).toBe(true);
      expect(await page.locator('#status').textContent()).toBe(
        `120 nodes, ${api.skillGraph.edges.length} edges (truncated: raise Max nodes to see more).`,
      );
      // The canvas is not blank: some pixels carry a node colour.
      await page.waitForTimeout(200);
      const coloured = await page.evaluate(() => {
        const canvas = document.getElementById('canvas') as HTMLCanvasElement;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] !== data[i + 1] || data[i + 1] !== data[i + 2]) count++;
        return count;
      });
      expect(coloured).toBeGreaterThan(100);
      expect(blocked).toEqual([]);
      await page.screenshot({ path: '/tmp/skill-graph-example.png' });
    } finally {
      await page.close();
    }
  });

  it('shows the API error for an unknown root instead of drawing', async () => {
    const { page } = await open({ root: toGlobalId('Skill', 'telepathy') });
    try {
      await page
        .locator('#status.error')
        .getByText(/NOT_FOUND/)
        .waitFor({ timeout: 30_000 });
    } finally {
      await page.close();
    }
  });
});
