import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Role } from '../role/role.entity';

/**
 * A role's total weight: Σ of the weights of all its skill and tool links (src/model/weights.ts),
 * the denominator of `matchRoles`' score and part of every similarity's union weight. Computed by
 * src/graph/role-similarity.service.ts with the similarity pairs and kept true by the import engine;
 * a role without skills or tools has no row. Derived data: never imported, exported or cited.
 */
@Entity('role_weight')
export class RoleWeight {
  @PrimaryColumn({ type: 'integer' })
  roleId: number;

  /** Declared for the foreign key only; reads go through loaders. */
  @ManyToOne(() => Role, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roleId' })
  role?: Role;

  /** Σ of the role's link weights, summed as SQL's SUM does (compensated). */
  @Column({ type: 'real' })
  totalWeight: number;
}
