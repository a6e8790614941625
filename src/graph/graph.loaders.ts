import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { keyedLoader } from '../loaders/batch';
import type { Page } from '../db/paged-query';
import { windowKey, type PageWindow } from '../shared/page-window';
import type { Role } from '../role/role.entity';
import { Skill } from '../skill/skill.entity';
import { itemRowsByIds } from './graph.store';
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

/** The loaders of this module, per request. */
export interface GraphLoaders {
  itemByKey: DataLoader<string, Item | null>;
  /** `similarRolesByRoleId` for one page window: every parent asking for that window shares a statement. */
  similarRolesByRoleId(window: PageWindow): DataLoader<number, Page<Role>>;
}

/** Fresh graph loaders; `createLoaders` in src/context.ts makes them once per request. */
export function createGraphLoaders(dataSource: DataSource): GraphLoaders {
  const byWindow = new Map<string, DataLoader<number, Page<Role>>>();
  return {
    itemByKey: itemByKey(dataSource),
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
