import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from '../role/role.entity';

/**
 * A precomputed pair of `Role.relatedRoles`: how much `otherId` shares with `roleId` by skills and
 * tools (src/graph/role-similarity.service.ts computes it; the import engine keeps it true). Only
 * the head of each role's ranking is kept, every pair scoring at least the SIMILARITY_KEPT-th best,
 * with the length of the whole ranking beside it. Derived data: never imported, exported or cited.
 */
@Entity('role_similarity')
@Index('IDX_role_similarity_otherId', ['otherId'])
export class RoleSimilarity {
  @PrimaryColumn({ type: 'integer' })
  roleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roleId' })
  role?: Role;

  @PrimaryColumn({ type: 'integer' })
  otherId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'otherId' })
  other?: Role;

  /** Σ over shared skills and tools of the smaller weight: the score's numerator. */
  @Column({ type: 'real' })
  sharedWeight: number;

  /** Both roles' total weight minus sharedWeight: the score's denominator. */
  @Column({ type: 'real' })
  unionWeight: number;

  /** How many roles share anything with `roleId`: its ranking's length (the same on each of its rows). */
  @Column({ type: 'integer' })
  relatedCount: number;
}
