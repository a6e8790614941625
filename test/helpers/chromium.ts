import type { Browser } from 'playwright-core';
import { launchChromium } from './launch-chromium';

/** Chromium for the tests of a describe: launched in beforeAll, closed in afterAll. */
export function useChromium(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('useChromium(): the browser starts in beforeAll; use it inside a test.');
      return browser;
    },
  };
}
