import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DataSource } from 'typeorm';
import { LINK_ENTITIES, NODE_ENTITIES } from '../src/model/entities';
import { NODE_TYPES, type NodeKey } from '../src/model/node-types';
import { foreignKeyOf, linkRelationKeys, RELATIONS, relationKeys } from '../src/model/relations';
import { projectRoot } from '../src/shared/project-root';

const root = projectRoot();
import { emptyDatabase } from './helpers/test-database';

/** Every TypeScript source file outside the migrations, which record history and keep their own names. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return name === 'migrations' ? [] : sourceFiles(file);
    return name.endsWith('.ts') ? [file] : [];
  });
}

describe('the model registry', () => {
  let db: { dataSource: DataSource; path: string };
  beforeAll(async () => {
    db = await emptyDatabase();
  });
  afterAll(() => db.dataSource.destroy());

  it('names each node type’s table as its entity does', () => {
    for (const key of Object.keys(NODE_TYPES) as NodeKey[]) {
      expect(db.dataSource.getMetadata(NODE_ENTITIES[key]).tableName).toBe(NODE_TYPES[key].table);
    }
  });

  it('names each link relation’s table and end columns as its entity does', () => {
    for (const key of linkRelationKeys) {
      const metadata = db.dataSource.getMetadata(LINK_ENTITIES[key]);
      const spec = RELATIONS[key];
      expect(metadata.tableName).toBe(spec.storage.table);
      const columns = metadata.columns.map((c) => c.databaseName);
      expect(columns).toEqual(expect.arrayContaining([spec.from.column, spec.to.column, ...spec.attributes.map((a) => a.column)]));
    }
  });

  it('points every foreign-key relation at a column its table has', () => {
    for (const key of relationKeys) {
      const spec = RELATIONS[key];
      const foreignKey = foreignKeyOf(spec);
      if (!foreignKey) continue;
      const table = db.dataSource.entityMetadatas.find((m) => m.tableName === spec.storage.table)!;
      expect(table.columns.map((c) => c.databaseName)).toContain(foreignKey);
    }
  });

  it('is the only list of entities TypeORM loads, plus the citation, data version, role similarity and role weight tables', () => {
    const registered = new Set([...Object.values(NODE_ENTITIES), ...Object.values(LINK_ENTITIES)].map((e) => e.name));
    const unregistered = [
      'Citation',
      'DataVersion',
      'RoleSimilarity',
      'RoleWeight',
      'ApiKey',
      'ChangeRecord',
      'Retraction',
      'Tombstone',
      'SeedRelease',
    ];
    const loaded = db.dataSource.entityMetadatas.map((m) => m.name).filter((name) => !unregistered.includes(name));
    expect(loaded.sort()).toEqual([...registered].sort());
  });

  it('keeps each link table’s name in at most three source files outside the migrations', () => {
    const files = sourceFiles(join(root, 'src')).map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    for (const key of linkRelationKeys) {
      const table = RELATIONS[key].storage.table;
      const mentions = files.filter(({ text }) => new RegExp(`\\b${table}\\b`).test(text)).map(({ file }) => relative(root, file));
      // The table and its files together, so a failure names the files to fix.
      expect({ table, files: mentions.length <= 3 ? 'at most 3' : mentions }).toEqual({ table, files: 'at most 3' });
    }
  });
});
