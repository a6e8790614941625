import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Source } from '../source/source.entity';

/**
 * An API key: stored only as a salted scrypt hash of its secret (src/auth/api-key.service.ts), found
 * by its public prefix. Revoked keys stay, so the audit trail can still name them.
 */
@Entity('api_key')
export class ApiKey {
  @PrimaryGeneratedColumn()
  id: number;

  /** Who it was issued to ("career site"). */
  @Column({ type: 'varchar' })
  name: string;

  /** The public part of the key, `sa_<prefix>_<secret>`: how a presented key finds its row. */
  @Index('IDX_api_key_prefix', { unique: true })
  @Column({ type: 'varchar' })
  prefix: string;

  /** Random salt of the scrypt hash, hex. */
  @Column({ type: 'varchar' })
  salt: string;

  /** scrypt(secret, salt), hex. */
  @Column({ type: 'varchar' })
  hash: string;

  /** `read`, `write` or `admin`; each includes the ones before it. */
  @Column({ type: 'varchar' })
  scope: string;

  /** The source that stands for the key's owner: what its writes cite unless they name another. */
  @Column({ type: 'integer' })
  sourceId: number;

  /** Declared for the foreign key only. */
  @ManyToOne(() => Source, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sourceId' })
  source?: Source;

  /** ISO time it was created. */
  @Column({ type: 'varchar' })
  createdAt: string;

  /** ISO time it was revoked; null while it is valid. */
  @Column({ type: 'varchar', nullable: true })
  revokedAt: string | null;
}
