import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { JSONResolver } from 'graphql-scalars';
import { Args, ArgsType, Ctx, Field, Int, ObjectType, Query, Resolver, registerEnumType } from 'type-graphql';
import { readDataVersion } from '../cache/data-version.store';
import type { Context } from '../context';
import { countRows } from '../import/import.store';
import { DATASET_LISTS, NODE_TYPES, nodeKeyOfList } from '../model/node-types';
import { linkRelationKeys, RELATIONS } from '../model/relations';
import { PageInfo } from '../shared/connection';
import { UserInputError } from '../shared/errors';
import { MAX_PAGE_SIZE } from '../shared/page-window';
import { countChangesAfter, lastChangeAt, selectChangesAfter, type ChangeRow } from './change.store';

/*
 * The data version and the change feed: `dataset { version updatedAt counts }` and
 * `changes(since:, first:)`, a connection over the audit trail oldest first, so that a client can
 * keep a copy in step by importing each record's `after` (and deleting each DELETE's slug).
 */

export enum ChangeAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  IMPORT = 'IMPORT',
}
registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description: 'What a change did to its record.',
  valuesConfig: {
    CREATE: { description: 'The record appeared: `after` holds it.' },
    UPDATE: { description: 'The record changed (its own fields or the links it owns): `before` and `after` hold it.' },
    DELETE: { description: 'The record went: `before` holds it.' },
    IMPORT: {
      description: 'An O*NET import, summarised rather than itemised: `after` holds its summary; re-run the same release to follow it.',
    },
  },
});

@ObjectType({ description: 'One committed change to one record of the dataset, from the audit trail.' })
export class Change {
  @Field(() => Int, { description: 'Its place in the feed: grows with every change.' })
  sequence: number;

  @Field(() => Int, { description: 'The data version the write that made it advanced to; the changes of one write share it.' })
  dataVersion: number;

  @Field({ description: 'When it was committed (ISO 8601, UTC).' })
  at: string;

  @Field({ description: 'Who made it: `api key 3 (career site)`, or the command (`npm run import`).' })
  actor: string;

  @Field({ description: 'The mutation or command that made it (`linkRoleSkill`, `importDataset`, `import`, `import:onet`, `seed`).' })
  operation: string;

  @Field({ description: 'The dataset list of the record (`roles`, `skills`, …), or `imports` for an O*NET import.' })
  list: string;

  @Field({ description: 'The slug of the record (for an O*NET import, its source).' })
  slug: string;

  @Field(() => ChangeAction, { description: 'What happened to the record.' })
  action: ChangeAction;

  @Field(() => JSONResolver, { nullable: true, description: 'The record before, in the dataset format (links included); null for CREATE.' })
  before: unknown;

  @Field(() => JSONResolver, { nullable: true, description: 'The record after, in the dataset format (links included); null for DELETE.' })
  after: unknown;
}

@ObjectType({ description: 'A change with its cursor.' })
class ChangeEdge {
  @Field({ description: 'Pass it as `since` to read the changes after this one.' })
  cursor: string;

  @Field(() => Change, { description: 'The change.' })
  node: Change;
}

@ObjectType({ description: 'A page of the change feed, oldest first.' })
class ChangeConnection {
  @Field(() => [ChangeEdge], { description: 'The changes of this page with their cursors.' })
  edges: ChangeEdge[];

  @Field(() => [Change], { description: 'The changes of this page.' })
  nodes: Change[];

  @Field(() => PageInfo, {
    description: '`endCursor` is what to pass as `since` next time; `hasNextPage` says whether more changes are waiting.',
  })
  pageInfo: PageInfo;

  @Field(() => Int, { description: 'How many changes there are after `since`, this page included.' })
  totalCount: number;
}

@ArgsType()
class ChangesArgs {
  @Field(() => String, {
    nullable: true,
    description: 'A cursor from an earlier page (`pageInfo.endCursor`): the changes after it. Left out, the feed starts at the beginning.',
  })
  declare since?: string | null;

  @Field(() => Int, { nullable: true, description: `How many changes (1 to ${MAX_PAGE_SIZE}; 20 by default).` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  declare first?: number | null;
}

@ObjectType({ description: 'How many entities, links and citations the dataset holds.' })
class DatasetCounts {
  @Field(() => Int, { description: 'Roles.' }) roles: number;
  @Field(() => Int, { description: 'Responsibilities.' }) responsibilities: number;
  @Field(() => Int, { description: 'Skills.' }) skills: number;
  @Field(() => Int, { description: 'Tools.' }) tools: number;
  @Field(() => Int, { description: 'Categories.' }) categories: number;
  @Field(() => Int, { description: 'Sources.' }) sources: number;
  @Field(() => Int, { description: 'Links of every relation stored in a link table.' }) links: number;
  @Field(() => Int, { description: 'Citations: (subject, source) pairs.' }) citations: number;
}

@ObjectType({ description: 'The dataset as a whole: its version, when it last changed, and its size.' })
class DatasetInfo {
  @Field(() => Int, {
    description: 'The data version: it advances with every committed write (mutation or import). Cached answers are keyed by it.',
  })
  version: number;

  @Field(() => String, { nullable: true, description: 'When the last recorded change was committed (ISO 8601, UTC); null before any.' })
  updatedAt: string | null;

  @Field(() => DatasetCounts, { description: 'Row counts.' })
  counts: DatasetCounts;
}

const encodeCursor = (sequence: number) => Buffer.from(`change:${sequence}`, 'utf8').toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^change:(\d{1,15})$/.exec(/^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '');
  if (!match)
    throw new UserInputError(
      `\`since\` is not a change cursor: "${cursor}". Use \`pageInfo.endCursor\` or an edge's \`cursor\` from \`changes\`.`,
      'since',
    );
  return Number(match[1]);
}

const toChange = (row: ChangeRow): Change => ({
  sequence: row.id,
  dataVersion: row.dataVersion,
  at: row.at,
  actor: row.actor,
  operation: row.operation,
  list: row.list,
  slug: row.slug,
  action: row.action as ChangeAction,
  before: row.before === null ? null : JSON.parse(row.before),
  after: row.after === null ? null : JSON.parse(row.after),
});

@Resolver()
export class ChangeResolver {
  @Query(() => ChangeConnection, {
    description:
      'The audit trail as a feed, oldest first: every committed change to every record, with who made it and the record before and after. Page with `since: pageInfo.endCursor` to follow it.',
  })
  async changes(@Args() { since, first }: ChangesArgs, @Ctx() ctx: Context): Promise<ChangeConnection> {
    const after = since ? decodeCursor(since) : 0;
    const size = first ?? 20;
    const found = await selectChangesAfter(ctx.dataSource, after, size + 1);
    const page = found.slice(0, size).map(toChange);
    const edges = page.map((node) => ({ cursor: encodeCursor(node.sequence), node }));
    return {
      edges,
      nodes: page,
      pageInfo: {
        hasNextPage: found.length > size,
        hasPreviousPage: after > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? since ?? null,
      },
      totalCount: await countChangesAfter(ctx.dataSource, after),
    };
  }

  @Query(() => DatasetInfo, { description: 'The data version, when the data last changed, and how much it holds.' })
  async dataset(@Ctx() ctx: Context): Promise<DatasetInfo> {
    const counts: Record<string, number> = {};
    for (const list of DATASET_LISTS) counts[list] = await countRows(ctx.dataSource, NODE_TYPES[nodeKeyOfList(list)].table);
    counts.links = 0;
    for (const relation of linkRelationKeys) counts.links += await countRows(ctx.dataSource, RELATIONS[relation].storage.table);
    counts.citations = await countRows(ctx.dataSource, 'citation');
    return {
      version: await readDataVersion(ctx.dataSource),
      updatedAt: await lastChangeAt(ctx.dataSource),
      counts: counts as unknown as DatasetCounts,
    };
  }
}
