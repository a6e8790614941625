import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium: the browser CI installs in .ci/run, and the only one the browser tests drive. */
const CHROMIUM = '/usr/bin/chromium';

/** Quiet flags: no sandbox (CI runs as root), and none of Chromium's own calls home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Launches Chromium; a machine without it fails the test and says how to install it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing. Install Debian's Chromium to run the browser tests: ` +
        '`apt-get update && apt-get install -y --no-install-recommends chromium` (CI does this in .ci/run).',
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

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
