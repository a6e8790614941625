import { loadConfig, type Config } from '../../src/config';

type LimitName = 'maxCost' | 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxTokens' | 'maxBodyBytes';

/** The request limits a server has when no environment variable sets them. */
export const SHIPPED_LIMITS: Pick<Config, LimitName> = (({ maxCost, maxDepth, maxAliases, maxDirectives, maxTokens, maxBodyBytes }) => ({
  maxCost,
  maxDepth,
  maxAliases,
  maxDirectives,
  maxTokens,
  maxBodyBytes,
}))(loadConfig({}));
