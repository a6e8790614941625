import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApolloServerPlugin } from '@apollo/server';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { parse, print, type OperationDefinitionNode } from 'graphql';
import { projectRoot } from '../shared/project-root';

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
 * a machine with no internet access. Each example operation opens in its own tab.
 */
export function playgroundPlugin(endpoint = '/graphql'): ApolloServerPlugin {
  const examples = exampleOperations();
  const html = renderGraphiQL({
    title: 'Skill Atlas',
    endpoint,
    defaultQuery: examples[0]?.query,
    defaultTabs: examples.map((e) => ({ query: e.query })),
  });
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
