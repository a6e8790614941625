import type { Page } from 'playwright-core';
import { useChromium } from './helpers/chromium';
import { useSeededServer } from './helpers/served-database';

const EXECUTE_BUTTON = 'button.graphiql-execute-button';
const QUERY_EDITOR = '.graphiql-query-editor';
const RESPONSE_PANE = '.graphiql-response';

/** A playground page with every request it makes, every request the offline route refused, and every CSP violation it reported. */
interface PlaygroundVisit {
  page: Page;
  requests: string[];
  blocked: string[];
  violations: string[];
  policy: string | undefined;
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
    const violations: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    if (offline) {
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (isLocal(url)) return route.continue();
        blocked.push(url);
        return route.abort('internetdisconnected');
      });
    }
    const response = await page.goto(atlas.server.url, { waitUntil: 'load' });
    await page.locator(QUERY_EDITOR).getByText('BackendDeveloper').first().waitFor({ timeout: 30_000 });
    return { page, requests, blocked, violations, policy: response?.headers()['content-security-policy'] };
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
    const { page, requests, violations } = await visit({ offline: false });
    try {
      await runAndExpect(page, 'Backend Developer');
      expect(requests.filter((url) => !isLocal(url))).toEqual([]);
      expect(violations).toEqual([]);
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
      // The route really is offline: a request to another host fails. (Not from the playground,
      // whose Content-Security-Policy would refuse it before the route saw it: from a blank page.)
      const blank = await page.context().newPage();
      const reachedInternet = await blank.evaluate(() =>
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

  it('runs under a Content-Security-Policy that allows its own scripts and reports no violation', async () => {
    const { page, violations, policy } = await visit({ offline: false });
    try {
      expect(policy).toMatch(/script-src 'sha256-[^']+'/);
      expect(policy).toContain("frame-ancestors 'none'");
      await runAndExpect(page, 'Backend Developer');
      expect(violations).toEqual([]);
      // The policy is enforced: a script the page did not ship is refused.
      const injected = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.injectedRan = true;';
        document.body.appendChild(script);
        return (window as unknown as { injectedRan?: boolean }).injectedRan === true;
      });
      expect(injected).toBe(false);
      // ... and reported on the console, where the checks above look for violations.
      await page.waitForEvent('console', { predicate: () => violations.length > 0, timeout: 5_000 }).catch(() => undefined);
      expect(violations).toEqual([expect.stringMatching(/inline script.*Content Security Policy|Refused to execute inline script/)]);
    } finally {
      await page.context().close();
    }
  });
});
