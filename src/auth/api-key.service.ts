import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Queryable } from '../db/sql';
import { apiKeyByPrefix, insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from './api-key.store';

/*
 * API keys. A key is `sa_<prefix>_<secret>`: the prefix is public and finds the row, the secret is
 * 32 random bytes that are stored only as a salted scrypt hash, so a copy of the database gives no
 * usable key. A presented secret is hashed with the row's salt and compared in constant time
 * (timingSafeEqual), and an unknown prefix still costs one hash, so the answer's timing does not
 * tell a caller whether a prefix exists.
 *
 * scrypt is slow on purpose (tens of milliseconds), which would put that cost on every request of
 * a client sending its key: once a key has verified, the SHA-256 of the whole key is remembered
 * with the row's hash, so later requests cost a SHA-256 and one indexed read of the row (which is
 * how a revocation, even by another process, takes effect at once).
 */

/** What a key may do; each scope includes the ones before it. */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Whether a key of scope `held` may do what needs `needed`. */
export function allows(held: Scope, needed: Scope): boolean {
  return SCOPES.indexOf(held) >= SCOPES.indexOf(needed);
}

/** Who is calling: a valid key, with the source its writes cite by default. */
export interface Principal {
  keyId: number;
  name: string;
  scope: Scope;
  sourceId: number;
  sourceSlug: string;
}

/** A key as `list` shows it: never its hash. */
export type ApiKeyInfo = Omit<ApiKeyRow, 'salt' | 'hash'>;

const SCRYPT: ScryptOptions = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;
const KEY_PATTERN = /^sa_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

function hashSecret(secret: string, salt: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(secret, Buffer.from(salt, 'hex'), KEY_LENGTH, SCRYPT, (error, hash) => (error ? reject(error) : resolve(hash))),
  );
}

/** Creates a key; the returned `key` is the only time its secret exists outside the caller. */
export async function createApiKey(
  db: Queryable,
  options: { name: string; scope: Scope; sourceId: number; now?: Date },
): Promise<{ key: string; id: number }> {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  const hash = (await hashSecret(secret, salt)).toString('hex');
  const createdAt = (options.now ?? new Date()).toISOString();
  const id = await insertApiKey(db, {
    name: options.name,
    prefix,
    salt,
    hash,
    scope: options.scope,
    sourceId: options.sourceId,
    createdAt,
  });
  return { key: `sa_${prefix}_${secret}`, id };
}

/** Every key, without hashes. */
export async function apiKeys(db: Queryable): Promise<ApiKeyInfo[]> {
  return (await listApiKeys(db)).map(({ salt: _salt, hash: _hash, ...info }) => info);
}

/** Revokes a key by id; false when there is no valid key with that id. */
export function revoke(db: Queryable, id: number, now = new Date()): Promise<boolean> {
  return revokeApiKey(db, id, now.toISOString());
}

/** Keys that verified, by the SHA-256 of the whole key, with the stored hash they verified against. */
const verified = new Map<string, string>();
const VERIFIED_MAX = 10_000;
const DUMMY_SALT = randomBytes(16).toString('hex');

/** The principal of a presented key, or null when the key is malformed, unknown or revoked. */
export async function authenticate(db: Queryable, presented: string): Promise<Principal | null> {
  const match = KEY_PATTERN.exec(presented);
  const row = match ? await apiKeyByPrefix(db, match[1]) : undefined;
  if (!match || !row || row.revokedAt !== null || !isScope(row.scope)) {
    await hashSecret(match?.[2] ?? presented, DUMMY_SALT);
    return null;
  }
  const digest = createHash('sha256').update(presented).digest('hex');
  if (verified.get(digest) !== row.hash) {
    const expected = Buffer.from(row.hash, 'hex');
    const actual = await hashSecret(match[2], row.salt);
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
    if (verified.size >= VERIFIED_MAX) verified.clear();
    verified.set(digest, row.hash);
  }
  return { keyId: row.id, name: row.name, scope: row.scope, sourceId: row.sourceId, sourceSlug: row.sourceSlug };
}

/** The key of an `Authorization: Bearer <key>` header; undefined when there is no header, null when it is not a Bearer one. */
export function bearerKey(header: string | undefined): string | null | undefined {
  if (header === undefined || header === '') return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : null;
}
