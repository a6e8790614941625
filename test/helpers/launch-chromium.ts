/*
 * Launching Chromium, for the browser tests (test/helpers/chromium.ts) and the explorer bench
 * (bench/explore.bench.ts); no Jest here, so the bench's build can import it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from '../../src/shared/project-root';

/** Debian's Chromium, used when the machine has it. */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Quiet flags: no sandbox (CI runs as root), and none of Chromium's own calls home. */
const QUIET_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * The Chromium that `@sparticuz/chromium` ships inside its npm package (a devDependency), unpacked
 * into the temporary folder on first use. Its own flag list is for AWS Lambda (`--single-process`
 * closes the browser with its first context), so it runs with the same flags as Debian's. The package is an ES module,
 * which Jest's module system cannot load, so a plain Node child asks it and prints the answer.
 */
function packagedChromium(): string {
  const script = `import('@sparticuz/chromium').then(async ({ default: c }) => process.stdout.write(await c.executablePath()))`;
  return execFileSync(process.execPath, ['-e', script], { cwd: projectRoot(), encoding: 'utf8' });
}

/**
 * Launches Chromium for a browser test: Debian's when installed, otherwise the one in
 * `@sparticuz/chromium`, so `npm ci && npm test` needs nothing installed by hand.
 */
export async function launchChromium(): Promise<Browser> {
  if (existsSync(SYSTEM_CHROMIUM)) return chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: QUIET_ARGS });
  return chromium.launch({ executablePath: packagedChromium(), args: QUIET_ARGS });
}
