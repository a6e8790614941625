import { SupportWeights1764900000000 } from '../1764900000000-support-weights';

/** PostgreSQL's run of the SQLite migration of the same date: it writes through the dialect seam, so the same code serves. */
export class PostgresSupportWeights1764900000000 extends SupportWeights1764900000000 {
  override name = 'PostgresSupportWeights1764900000000';
}
