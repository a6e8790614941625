import { InitialSchema1763600000000 } from './1763600000000-initial-schema';
import { ExternalTaxonomies1763700000000 } from './1763700000000-external-taxonomies';
import { SearchIndex1763800000000 } from './1763800000000-search-index';
import { DataVersion1763910000000 } from './1763910000000-data-version';
import { ListOrderIndexes1764000000000 } from './1764000000000-list-order-indexes';
import { RoleSimilarity1764100000000 } from './1764100000000-role-similarity';
import { RoleWeight1764200000000 } from './1764200000000-role-weight';
import { Curation1764300000000 } from './1764300000000-curation';
import { Tombstones1764400000000 } from './1764400000000-tombstones';
import { TombstoneNames1764500000000 } from './1764500000000-tombstone-names';
import { SeedReleases1764600000000 } from './1764600000000-seed-releases';
import { SupportWeights1764900000000 } from './1764900000000-support-weights';
import { StoredSupport1765100000000 } from './1765100000000-stored-support';

/** Every migration, in order, written out (no globs), so builds and tests run the same list. */
export { postgresMigrations } from './postgres';

export const migrations = [
  InitialSchema1763600000000,
  ExternalTaxonomies1763700000000,
  SearchIndex1763800000000,
  DataVersion1763910000000,
  ListOrderIndexes1764000000000,
  RoleSimilarity1764100000000,
  RoleWeight1764200000000,
  Curation1764300000000,
  Tombstones1764400000000,
  TombstoneNames1764500000000,
  SeedReleases1764600000000,
  SupportWeights1764900000000,
  StoredSupport1765100000000,
];
