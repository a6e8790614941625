import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { jsonArrayValues } from './dialect';
import { hydrate } from './hydrate';
import { registryIdent, rows, sql, type SqlValue } from './sql';

/**
 * The rows of an entity whose `column` is one of `keys`, hydrated. The keys travel as one JSON
 * parameter, so one statement serves any number of them (no batch split, no parameter limit).
 */
export async function entitiesByKeys<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  column: 'id' | 'slug',
  keys: readonly SqlValue[],
): Promise<T[]> {
  const table = registryIdent(dataSource.getMetadata(entity).tableName);
  const found = await rows(dataSource, sql`SELECT e.* FROM ${table} e WHERE e.${registryIdent(column)} IN (${jsonArrayValues(keys)})`);
  return found.map((row) => hydrate(dataSource, entity, row));
}
