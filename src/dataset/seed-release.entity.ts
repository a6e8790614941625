import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Each release of the curated seeds a database has taken in: the digest of the seed files and
 * when. `npm start` and `npm run migrate` load the seeds when a database has taken in none yet,
 * whatever ran first (an O*NET import into a new database included); `npm run seed` loads them
 * whenever it is run, and records its release too.
 */
@Entity('seed_release')
export class SeedRelease {
  /** SHA-256 of the seed files' names and contents, in name order. */
  @PrimaryColumn({ type: 'varchar' })
  digest: string;

  /** ISO 8601. */
  @Column({ type: 'varchar' })
  appliedAt: string;
}
