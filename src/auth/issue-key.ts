import type { DataSource } from 'typeorm';
import { commandAuthor, type Author } from '../curation/change.service';
import { refsBySlug } from '../curation/curation.store';
import { curate } from '../curation/curation.write';
import { selectSlugs } from '../import/import.store';
import { freeSlug, slugify } from '../import/slug';
import { UserErrorCode } from '../curation/user-error';
import { createApiKey, type Scope } from './api-key.service';

/** The source a new key was to cite does not exist; nothing was written. */
export class UnknownSourceError extends Error {}

/** A key just issued: the only moment its secret is known. */
export interface IssuedKey {
  id: number;
  key: string;
  /** The source its writes cite by default. */
  sourceSlug: string;
}

/**
 * Issues a key (what `npm run apikey -- create` does): it cites the source `sourceSlug`, or a new
 * source titled by the key's name, written through the curation engine so the audit trail and the
 * data version see it. Throws when `sourceSlug` names no source.
 */
export async function issueApiKey(
  dataSource: DataSource,
  options: { name: string; scope: Scope; sourceSlug?: string; author?: Author; operation?: string },
): Promise<IssuedKey> {
  const author = options.author ?? commandAuthor('apikey');
  const outcome = await curate(dataSource, author, options.operation ?? 'apikey create', async (write) => {
    let slug = options.sourceSlug;
    if (slug === undefined) {
      slug = freeSlug(slugify(options.name) || 'api-key', new Set(await selectSlugs(write.manager, 'source')));
      await write.write({ sources: [{ slug, title: options.name }] });
      await write.created('source', [slug]);
    }
    const [source] = await refsBySlug(write.manager, 'source', [slug]);
    if (!source) {
      write.fail(['source'], `No source has the slug "${slug}".`, UserErrorCode.NOT_FOUND);
      return null;
    }
    return { sourceSlug: slug, ...(await createApiKey(write.manager, { name: options.name, scope: options.scope, sourceId: source.id })) };
  });
  if (!outcome.value) throw new UnknownSourceError(outcome.userErrors.map((e) => e.message).join(' '));
  return outcome.value;
}
