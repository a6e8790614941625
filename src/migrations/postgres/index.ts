import { PostgresSchema1764400000000 } from './1764400000000-postgres-schema';
import { PostgresTombstoneNamesSeedReleases1764600000000 } from './1764600000000-postgres-tombstone-names-seed-releases';
import { PostgresSearchIndex1764700000000 } from './1764700000000-postgres-search-index';
import { PostgresDataVersionNotify1764800000000 } from './1764800000000-postgres-data-version-notify';
import { PostgresSupportWeights1764900000000 } from './1764900000000-postgres-support-weights';
import { PostgresRateLimit1765000000000 } from './1765000000000-postgres-rate-limit';
import { PostgresStoredSupport1765100000000 } from './1765100000000-postgres-stored-support';

/** Every PostgreSQL migration, in order (DATABASE_URL selects this list; src/migrations/index.ts has SQLite's). */
export const postgresMigrations = [
  PostgresSchema1764400000000,
  PostgresTombstoneNamesSeedReleases1764600000000,
  PostgresSearchIndex1764700000000,
  PostgresDataVersionNotify1764800000000,
  PostgresSupportWeights1764900000000,
  PostgresRateLimit1765000000000,
  PostgresStoredSupport1765100000000,
];
