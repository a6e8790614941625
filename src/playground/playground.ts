import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ApolloServerPlugin } from '@apollo/server';
import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { EXPLORE_PATH } from '../explore/explore.route';
import { projectRoot } from '../shared/project-root';

type GraphiQLOptions = NonNullable<Parameters<typeof renderGraphiQL>[0]>;

/** The example operations shipped with the playground (and run by the test suite). */
export function exampleOperations(): { name: string; query: string }[] {
  const text = readFileSync(join(projectRoot(), 'src', 'playground', 'examples.graphql'), 'utf8');
  return parse(text)
    .definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')
    .map((operation) => ({ name: operation.name?.value ?? 'Example', query: print(operation) }));
}

/**
 * Serves GraphiQL at the GraphQL URL for browsers. Apollo's default landing page pulls its code
 * from a CDN and breaks offline; this page inlines GraphiQL's scripts and styles, so it works on
 * a machine with no internet access. Each example operation opens in its own tab, and a link in
 * the corner opens the explorer (src/explore/).
 *
 * The page is 9 MB, and loading the package that renders it costs the process about 45 MB it
 * never gives back (its source and its string constants stay on the heap). So the page is rendered
 * once, in a worker thread that exits afterwards, and kept as bytes outside the JavaScript heap;
 * each browser visit turns them back into a string for Apollo.
 */
export function playgroundPlugin(endpoint = '/graphql'): ApolloServerPlugin {
  const examples = exampleOperations();
  const options: GraphiQLOptions = {
    title: 'Skill Atlas',
    endpoint,
    defaultQuery: examples[0]?.query,
    defaultTabs: examples.map((e) => ({ query: e.query })),
  };
  return {
    async serverWillStart() {
      const page = renderInWorker(options);
      // Rendering is not awaited here, so start-up does not wait for it; a failure shows on the first visit.
      page.catch(() => undefined);
      return {
        async renderLandingPage() {
          return { html: async () => (await page).toString('utf8') };
        },
      };
    },
  };
}

/** A link to the explorer, pinned in the playground's corner (the page has no other place for one). */
const EXPLORE_LINK =
  `<a id="explore-link" href="${EXPLORE_PATH}" style="position:fixed;right:12px;bottom:8px;z-index:1000;` +
  `font:13px system-ui,sans-serif;color:#2563eb">Explore the graph →</a>`;

/** Runs in the worker: renders the page and hands its UTF-8 bytes back without copying them. */
const RENDER_PAGE = `
const { parentPort, workerData } = require('node:worker_threads');
const { renderGraphiQL } = require(workerData.module);
const text = renderGraphiQL(workerData.options).replace('<div id="root"></div>', workerData.exploreLink + '<div id="root"></div>');
const bytes = new Uint8Array(Buffer.byteLength(text, 'utf8'));
Buffer.from(bytes.buffer).write(text, 'utf8');
parentPort.postMessage(bytes, [bytes.buffer]);
`;

function renderInWorker(options: GraphiQLOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const worker = new Worker(RENDER_PAGE, {
      eval: true,
      workerData: { module: require.resolve('@graphql-yoga/render-graphiql'), options, exploreLink: EXPLORE_LINK },
    });
    worker.once('message', (bytes: Uint8Array) => resolve(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the playground renderer exited with code ${code} before rendering`)));
  });
}
