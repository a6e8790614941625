import type { DataSource } from 'typeorm';
import { refsBySlug } from '../../src/curation/curation.store';
import { DATASET_FORMAT, DATASET_VERSION, type Dataset } from '../../src/dataset/dataset.format';
import { writeDataset } from '../../src/dataset/dataset.mapping';
import { ImportWriter } from '../../src/import/import.writer';
import { nodeKeyOfList, type DatasetList } from '../../src/model/node-types';
import type { TestServer } from './test-server';

/** A change as the feed serves it. */
export interface FeedChange {
  sequence: number;
  dataVersion: number;
  list: string;
  slug: string;
  action: 'CREATE' | 'UPDATE' | 'DELETE' | 'IMPORT';
  after: Record<string, unknown> | null;
}

const FEED = `query($since: String) { changes(since: $since, first: 100) {
  nodes { sequence dataVersion list slug action after } pageInfo { endCursor hasNextPage } } }`;

/** Reads the feed from `since` to its end over HTTP, a page at a time; returns the changes and the cursor to go on from. */
export async function readFeed(server: TestServer, since: string | null = null): Promise<{ changes: FeedChange[]; cursor: string | null }> {
  const changes: FeedChange[] = [];
  let cursor = since;
  for (;;) {
    const page = (await server.data(FEED, { since: cursor })).changes;
    changes.push(...page.nodes);
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { changes, cursor };
  }
}

/**
 * What a client keeping a copy does with the feed: the changes of each write (one data version)
 * in one transaction, importing every record's `after` and deleting every DELETE's slug.
 */
export async function replay(copy: DataSource, changes: readonly FeedChange[]): Promise<void> {
  const writes = new Map<number, FeedChange[]>();
  for (const change of changes) writes.set(change.dataVersion, [...(writes.get(change.dataVersion) ?? []), change]);
  for (const group of writes.values()) {
    await copy.transaction(async (manager) => {
      const records: Record<string, unknown[]> = {};
      for (const c of group) if (c.after && c.action !== 'IMPORT') (records[c.list] ??= []).push(c.after);
      await writeDataset(manager, { format: DATASET_FORMAT, version: DATASET_VERSION, ...records } as unknown as Dataset);
      for (const c of group.filter((g) => g.action === 'DELETE')) {
        const type = nodeKeyOfList(c.list as DatasetList);
        const writer = new ImportWriter(manager);
        await writer.loadCitations({ mode: 'authoritative' });
        await writer.deleteEntities(
          type,
          (await refsBySlug(manager, type, [c.slug])).map((r) => r.id),
        );
        await writer.finish();
      }
    });
  }
}
