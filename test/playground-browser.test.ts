import type { Page } from 'playwright-core';
import { useChromium } from './helpers/chromium';
import { useSeededServer } from './helpers/served-database';

const EXECUTE_BUTTON = 'button.graphiql-execute-button';
const QUERY_EDITOR = '.graphiql-query-editor';
const RESPONSE_PANE = '.graphiql-response';

/** A playground page with every request it makes, and every request the offline route refused. */
interface PlaygroundVisit {
  page: Page;
  requests: string[];
  blocked: string[];
}

describe('the GraphiQL playground in a real browser', () => {
  const atlas = useSeededServer();
  const chromium = useChromium();

  /** True for URLs that stay on this machine: the server's own origin, or inline data/blob URLs. */
  function isLocal(url: string): boolean {
    const { protocol, origin } = new URL(url);
    if (protocol === 'data:') return true;
    if (protocol === 'blob:') return new URL(url.slice('blob:'.length)).origin === new URL(atlas.server.url).origin;
    return origin === new URL(atlas.server.url).origin;
  }

  /** Opens the playground in a fresh browser context, optionally refusing every non-local request. */
  async function visit({ offline }: { offline: boolean }): Promise<PlaygroundVisit> {
    const context = await chromium.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const requests: string[] = [];
    const blocked: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    if (offline) {
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (isLocal(url)) return route.continue();
        blocked.push(url);
        return route.abort('internetdisconnected');
      });
    }
    await page.goto(atlas.server.url, { waitUntil: 'load' });
    await page.locator(QUERY_EDITOR).getByText('BackendDeveloper').first().waitFor({ timeout: 30_000 });
    return { page, requests, blocked };
  }

  /** Presses the run button and waits for the response pane to show `expected`. */
  async function runAndExpect(page: Page, expected: string): Promise<void> {
    await page.locator(EXECUTE_BUTTON).click();
    await page.locator(RESPONSE_PANE).getByText(expected).first().waitFor({ timeout: 30_000 });
  }

  it('opens with the example query and requests nothing from another host', async () => {
    const { page, requests } = await visit({ offline: false });
    try {
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.filter((url) => !isLocal(url))).toEqual([]);
    } finally {
      await page.context().close();
    }
  });

  it('runs the example query against the server and shows its answer', async () => {
    const { page, requests } = await visit({ offline: false });
    try {
      await runAndExpect(page, 'Backend Developer');
      expect(requests.filter((url) => !isLocal(url))).toEqual([]);
      await page.screenshot({ path: '/tmp/playground.png' });
    } finally {
      await page.context().close();
    }
  });

  it('still renders and runs queries with every non-local request blocked', async () => {
    const { page, blocked } = await visit({ offline: true });
    try {
      await runAndExpect(page, 'Backend Developer');
      expect(blocked).toEqual([]);
      // The route really is offline: a request to another host from the page fails.
      const reachedInternet = await page.evaluate(() =>
        fetch('https://example.com/').then(
          () => true,
          () => false,
        ),
      );
      expect(reachedInternet).toBe(false);
      expect(blocked).toEqual(['https://example.com/']);
    } finally {
      await page.context().close();
    }
  });
});
