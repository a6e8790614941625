import { InitialSchema1763600000000 } from './1763600000000-initial-schema';
import { ExternalTaxonomies1763700000000 } from './1763700000000-external-taxonomies';

/** Every migration, in order, written out (no globs), so builds and tests run the same list. */
export const migrations = [InitialSchema1763600000000, ExternalTaxonomies1763700000000];
