import { and, desc, eq, isNull } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import { type DbOrTx, schema } from '../db/index.js';
import type { Actor } from './actor.js';
import { type Scope, SCOPES } from './scopes.js';
import { API_KEY_PREFIX, hashToken, newApiKey } from './tokens.js';

const { apiKeys, organisations } = schema;

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function view(row: typeof apiKeys.$inferSelect): ApiKeyView {
  const { id, name, prefix, scopes, createdAt, lastUsedAt, revokedAt } = row;
  return { id, name, prefix, scopes: scopes as Scope[], createdAt, lastUsedAt, revokedAt };
}

/** Creates a key; the secret is returned here once and never stored in clear. */
export async function createApiKey(
  db: DbOrTx,
  input: { orgId: string; name: string; scopes: Scope[]; createdBy?: string },
): Promise<ApiKeyView & { secret: string }> {
  const unknown = input.scopes.filter((s) => !SCOPES.includes(s));
  if (unknown.length) throw new AppError('invalid_request', `Unknown scopes: ${unknown.join(', ')}.`);
  const { secret, prefix } = newApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({
      orgId: input.orgId,
      name: input.name.trim(),
      prefix,
      secretHash: hashToken(secret),
      scopes: [...new Set(input.scopes)],
      createdBy: input.createdBy ?? null,
    })
    .returning();
  return { ...view(row!), secret };
}

export async function listApiKeys(db: DbOrTx, orgId: string): Promise<ApiKeyView[]> {
  const rows = await db.select().from(apiKeys).where(eq(apiKeys.orgId, orgId)).orderBy(desc(apiKeys.createdAt));
  return rows.map(view);
}

export async function revokeApiKey(db: DbOrTx, orgId: string, keyId: string, clock: Clock): Promise<void> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: clock.now() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.orgId, orgId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (rows.length === 0) throw new AppError('not_found', 'No active API key with this id in this organisation.');
}

/** The organisation behind a bearer key, or undefined when the key is unknown or revoked. */
export async function resolveApiKey(db: DbOrTx, secret: string, clock: Clock): Promise<Actor | undefined> {
  if (!secret.startsWith(API_KEY_PREFIX)) return undefined;
  const [row] = await db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId, scopes: apiKeys.scopes, orgKind: organisations.kind })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.orgId))
    .where(and(eq(apiKeys.secretHash, hashToken(secret)), isNull(apiKeys.revokedAt)));
  if (!row) return undefined;
  await db.update(apiKeys).set({ lastUsedAt: clock.now() }).where(eq(apiKeys.id, row.id));
  return { type: 'api_key', keyId: row.id, orgId: row.orgId, orgKind: row.orgKind, scopes: row.scopes as Scope[] };
}
