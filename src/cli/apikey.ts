import 'reflect-metadata';
import { apiKeys, isScope, revoke, SCOPES } from '../auth/api-key.service';
import { issueApiKey } from '../auth/issue-key';
import { runCli, UsageError } from './cli';

/**
 * `npm run apikey -- create --name "career site" --scope write [--source <slug>]`, `list`, and
 * `revoke --id <id>`. A new key cites a source of its own (titled by its name) unless `--source`
 * names an existing one; the key is printed once and stored only as a salted hash.
 */
runCli(
  { script: 'apikey', positional: ['create|list|revoke'], options: ['--name', '--scope', '--source', '--id'] },
  async (dataSource, { positional: [command], options }) => {
    switch (command) {
      case 'create': {
        const name = options.get('--name')?.trim();
        const scope = options.get('--scope') ?? 'write';
        if (!name) throw new UsageError('create needs --name "<who the key is for>".');
        if (!isScope(scope)) throw new UsageError(`--scope must be one of ${SCOPES.join(', ')}, not "${scope}".`);
        const created = await issueApiKey(dataSource, { name, scope, sourceSlug: options.get('--source') });
        console.log(`Created API key ${created.id} "${name}" with the ${scope} scope; its writes cite the source "${created.sourceSlug}".`);
        console.log('The key is shown this once and stored only as a hash; keep it now:');
        console.log(created.key);
        return;
      }
      case 'list': {
        const keys = await apiKeys(dataSource);
        if (keys.length === 0) console.log('No API keys. Create one with npm run apikey -- create --name "<who>" --scope write');
        for (const k of keys) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : 'valid';
          console.log(
            `${String(k.id).padStart(4)}  ${k.name}  scope ${k.scope}  source ${k.sourceSlug}  created ${k.createdAt}  ${state}  sa_${k.prefix}_…`,
          );
        }
        return;
      }
      case 'revoke': {
        const id = Number(options.get('--id'));
        if (!Number.isSafeInteger(id) || id < 1) throw new UsageError("revoke needs --id <the key's id, from npm run apikey -- list>.");
        if (!(await revoke(dataSource, id))) throw new UsageError(`No valid API key has the id ${id}.`);
        console.log(`Revoked API key ${id}; requests sending it are refused from now on.`);
        return;
      }
      default:
        throw new UsageError(`Unknown command "${command}": use create, list or revoke.`);
    }
  },
);
