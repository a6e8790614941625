import { nodeTypes, type NodeType } from '../model/node-types';
import { UserInputError } from './errors';

export { nodeTypes, type NodeType };

/** The one shape of a slug: lowercase kebab-case. */
export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function isSlug(value: string): boolean {
  return SLUG_PATTERN.test(value);
}

/**
 * Global ids are opaque to clients but stable across databases: they encode the type and the
 * slug, not a row number, so an id copied from one deployment works in another.
 */
export function toGlobalId(type: NodeType, slug: string): string {
  return Buffer.from(`${type}:${slug}`, 'utf8').toString('base64url');
}

export interface DecodedId {
  type: NodeType;
  slug: string;
}

/** Decodes a global id, or returns null when it is not one of ours. */
export function parseGlobalId(id: string): DecodedId | null {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const text = Buffer.from(id, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const type = text.slice(0, colon) as NodeType;
  const slug = text.slice(colon + 1);
  if (!nodeTypes.includes(type) || !isSlug(slug)) return null;
  if (toGlobalId(type, slug) !== id) return null;
  return { type, slug };
}

/** Decodes a global id that must name a `type`, throwing BAD_USER_INPUT with an actionable message. */
export function expectGlobalId(id: string, type: NodeType, argument = 'id'): string {
  const decoded = parseGlobalId(id);
  if (!decoded) throw new UserInputError(`"${id}" is not a valid ${type} id; ids come from the \`id\` field of a ${type}.`, argument);
  if (decoded.type !== type) {
    throw new UserInputError(`"${id}" is the id of a ${decoded.type}, but \`${argument}\` takes a ${type} id.`, argument);
  }
  return decoded.slug;
}

/** The one "slug or id" parser: a slug of the type, or a global id of that type; returns the slug. */
export function parseSlugOrId(value: string, type: NodeType, argument: string): string {
  if (isSlug(value)) return value;
  const decoded = parseGlobalId(value);
  if (decoded && decoded.type === type) return decoded.slug;
  throw new UserInputError(`\`${argument}\` takes a ${type} slug (lowercase-kebab-case) or id; "${value}" is neither.`, argument);
}
