import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { keyedLoader } from '../loaders/batch';
import type { Page } from '../db/paged-query';
import { windowKey, type PageWindow } from '../shared/page-window';
import type { Role } from '../role/role.entity';
import { Skill } from '../skill/skill.entity';
import { hydrate } from '../db/hydrate';
import { Source } from '../source/source.entity';
import { itemRowsByIds } from './graph.store';
import { graphLinkSources, type GraphLinkKey } from './skill-graph-sources.store';
import { hydrateItem, itemKey, type Item, type ItemType } from './item';
import { similarRolePages } from './related-roles.service';

/** `itemByKey`: skills and tools by `itemKey`, all in one statement per tick. */
function itemByKey(dataSource: DataSource): DataLoader<string, Item | null> {
  const fetch = async (keys: readonly string[]) => {
    const ids = (type: ItemType) => keys.filter((k) => k.startsWith(`${type}:`)).map((k) => Number(k.slice(type.length + 1)));
    const rows = await itemRowsByIds(dataSource, { Skill: ids('Skill'), Tool: ids('Tool') });
    return rows.map((row) => hydrateItem(dataSource, row.__type, row));
  };
  return keyedLoader<string, Item | null, Item>(
    fetch,
    (item) => itemKey(item instanceof Skill ? 'Skill' : 'Tool', item.rowId),
    (items) => items[0],
    () => null,
  );
}

/** A drawn link as a loader key: `KIND:s:t`. */
export const graphLinkKey = ([kind, s, t]: GraphLinkKey) => `${kind}:${s}:${t}`;

/** `sourcesByGraphLink`: the sources of each skill-graph link (`graphLinkKey`), all in one statement per tick. */
function sourcesByGraphLink(dataSource: DataSource): DataLoader<string, Source[]> {
  return keyedLoader(
    async (keys: readonly string[]) => {
      const links = keys.map((key) => {
        const [kind, s, t] = key.split(':');
        return [kind, Number(s), Number(t)] as const;
      });
      const found = await graphLinkSources(dataSource, links);
      return found.map((row) => ({ key: keys[Number(row.__pos)], source: hydrate(dataSource, Source, row) }));
    },
    (row) => row.key,
    (found) => found.map((row) => row.source),
    () => [],
  );
}

/** The loaders of this module, per request. */
export interface GraphLoaders {
  itemByKey: DataLoader<string, Item | null>;
  sourcesByGraphLink: DataLoader<string, Source[]>;
  /** `similarRolesByRoleId` for one page window: every parent asking for that window shares a statement. */
  similarRolesByRoleId(window: PageWindow): DataLoader<number, Page<Role>>;
}

/** Fresh graph loaders; `createLoaders` in src/context.ts makes them once per request. */
export function createGraphLoaders(dataSource: DataSource): GraphLoaders {
  const byWindow = new Map<string, DataLoader<number, Page<Role>>>();
  return {
    itemByKey: itemByKey(dataSource),
    sourcesByGraphLink: sourcesByGraphLink(dataSource),
    similarRolesByRoleId(window) {
      const key = windowKey(window);
      let loader = byWindow.get(key);
      if (!loader) {
        loader = new DataLoader<number, Page<Role>>((roleIds) => similarRolePages(dataSource, roleIds, window));
        byWindow.set(key, loader);
      }
      return loader;
    },
  };
}
