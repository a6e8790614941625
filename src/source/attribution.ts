import type { ApolloServerPlugin } from '@apollo/server';
import type { DataSource } from 'typeorm';
import { attributionTexts } from './source.store';

const REFRESH_MS = 30_000;

/**
 * Licences such as O*NET's CC BY 4.0 require attribution wherever the data is shown. This plugin
 * adds the attribution texts of every source that has one to each GraphQL response, under
 * `extensions.attribution`. The list is read at start-up and refreshed in the background (an
 * import may run in another process), never inside a request, so it adds no SQL to any query.
 */
export function attributionPlugin(dataSource: DataSource): ApolloServerPlugin {
  let attributions: string[] = [];
  const refresh = async () => {
    if (!dataSource.isInitialized) return;
    attributions = await attributionTexts(dataSource);
  };
  return {
    async serverWillStart() {
      await refresh();
      const timer = setInterval(() => void refresh().catch(() => undefined), REFRESH_MS);
      timer.unref();
      return {
        async serverWillStop() {
          clearInterval(timer);
        },
      };
    },
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (attributions.length === 0 || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...(result.extensions ?? {}), attribution: attributions };
        },
      };
    },
  };
}
