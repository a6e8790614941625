import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PlainAnswer } from '../http-server';
import { projectRoot } from '../shared/project-root';

/** The explorer's address; its files are served under it. */
export const EXPLORE_PATH = '/explore';

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  graphql: 'application/graphql; charset=utf-8',
};

/**
 * Every file the explorer page loads, by URL: its own page, script, style and operations from
 * src/explore/, and the drawing library's UMD builds straight from node_modules (exact versions in
 * package.json), so the page needs no bundler and no network beyond this server. The list is the
 * allow-list: no other path reads a file, so no URL can reach anything else on disk.
 */
const FILES: Record<string, string[]> = {
  [EXPLORE_PATH]: ['src', 'explore', 'explore.html'],
  [`${EXPLORE_PATH}/explore.js`]: ['src', 'explore', 'explore.js'],
  [`${EXPLORE_PATH}/explore.css`]: ['src', 'explore', 'explore.css'],
  [`${EXPLORE_PATH}/explore.graphql`]: ['src', 'explore', 'explore.graphql'],
  [`${EXPLORE_PATH}/vendor/cytoscape.min.js`]: ['node_modules', 'cytoscape', 'dist', 'cytoscape.min.js'],
  [`${EXPLORE_PATH}/vendor/layout-base.js`]: ['node_modules', 'layout-base', 'layout-base.js'],
  [`${EXPLORE_PATH}/vendor/cose-base.js`]: ['node_modules', 'cose-base', 'cose-base.js'],
  [`${EXPLORE_PATH}/vendor/cytoscape-fcose.js`]: ['node_modules', 'cytoscape-fcose', 'cytoscape-fcose.js'],
};

/** The path of an explorer file on disk, relative to the project (for tests and the README). */
export function explorerFile(url: string): string {
  const parts = FILES[url];
  if (!parts) throw new Error(`${url} is not one of the explorer's files`);
  return join(projectRoot(), ...parts);
}

/** The explorer's URLs; read once each, on first request, and kept (about 1 MB in all). */
export function exploreRoutes(): Record<string, () => Promise<PlainAnswer>> {
  const cache = new Map<string, Promise<Buffer>>();
  const routes: Record<string, () => Promise<PlainAnswer>> = {};
  for (const url of Object.keys(FILES)) {
    const extension = FILES[url].at(-1)!.split('.').pop()!;
    routes[url] = async () => {
      let body = cache.get(url);
      if (!body) {
        body = readFile(explorerFile(url));
        cache.set(url, body);
        body.catch(() => cache.delete(url));
      }
      // The page itself is revalidated on every visit; the files it loads may be kept a few minutes.
      return {
        status: 200,
        type: TYPES[extension],
        body: await body,
        cacheControl: url === EXPLORE_PATH ? 'no-cache' : 'public, max-age=300',
      };
    };
  }
  return routes;
}
