import { InitialSchema1763600000000 } from './1763600000000-initial-schema';

/** Every migration, in order, written out (no globs), so builds and tests run the same list. */
export const migrations = [InitialSchema1763600000000];
