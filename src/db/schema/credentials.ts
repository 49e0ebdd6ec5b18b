import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';
import { achievements } from './achievements.js';
import { organisations, users } from './identity.js';
import { jobs } from './jobs.js';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * An issuer's signing keys. The private key is sealed (AES-256-GCM under the
 * master key) before it reaches the database; rotation adds a row and retires
 * the old one, which stays in the DID document so old credentials verify.
 */
export const issuerKeys = pgTable(
  'issuer_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    /** Fragment of the verification method id in the issuer's DID document. */
    keyId: text('key_id').notNull(),
    publicKeyMultibase: text('public_key_multibase').notNull(),
    sealedPrivateKey: text('sealed_private_key').notNull(),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('issuer_keys_org_key_idx').on(t.orgId, t.keyId)],
);

/**
 * A pair of Bitstring Status Lists (revocation, suspension) of one issuer,
 * sharing indexes: a credential holds the same index in both.
 */
export const statusLists = pgTable('status_lists', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'restrict' }),
  size: integer('size').notNull(),
  allocated: integer('allocated').notNull().default(0),
  revocationBits: bytea('revocation_bits').notNull(),
  suspensionBits: bytea('suspension_bits').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    achievementId: uuid('achievement_id')
      .notNull()
      .references(() => achievements.id, { onDelete: 'restrict' }),
    achievementVersion: integer('achievement_version').notNull(),
    /** The learner's account here, when the recipient has one. */
    learnerId: uuid('learner_id').references(() => users.id, { onDelete: 'set null' }),
    recipientEmail: text('recipient_email'),
    recipientDid: text('recipient_did'),
    recipientName: text('recipient_name').notNull(),
    statusListId: uuid('status_list_id')
      .notNull()
      .references(() => statusLists.id),
    statusIndex: integer('status_index').notNull(),
    /** Client-chosen key: the same key twice yields the same credential. */
    idempotencyKey: text('idempotency_key'),
    format: text('format', { enum: ['di', 'jwt'] }).notNull().default('di'),
    document: jsonb('document').notNull(),
    jwt: text('jwt'),
    /** SHA-256 of the signed credential's canonical bytes (as recorded in the transparency log). */
    contentHash: text('content_hash').notNull(),
    jobId: uuid('job_id').references(() => jobs.id, { onDelete: 'set null' }),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    statusReason: text('status_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('credentials_status_slot_idx').on(t.statusListId, t.statusIndex),
    uniqueIndex('credentials_idempotency_idx').on(t.orgId, t.idempotencyKey),
    index('credentials_org_idx').on(t.orgId),
    index('credentials_learner_idx').on(t.learnerId),
    index('credentials_email_idx').on(t.recipientEmail),
    // The public transparency-log search finds a credential by this hash (GET /api/log/search).
    index('credentials_content_hash_idx').on(t.contentHash),
    check('credentials_format_check', sql`${t.format} in ('di', 'jwt')`),
  ],
);

/** One row of a bulk-issuance CSV; a job issues pending rows and records each outcome. */
export const issuanceRows = pgTable(
  'issuance_rows',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => jobs.id, { onDelete: 'cascade' }),
    rowNumber: integer('row_number').notNull(),
    input: jsonb('input').notNull(),
    status: text('status', { enum: ['pending', 'issued', 'failed'] }).notNull().default('pending'),
    credentialId: uuid('credential_id').references(() => credentials.id, { onDelete: 'set null' }),
    error: text('error'),
  },
  (t) => [uniqueIndex('issuance_rows_pk').on(t.jobId, t.rowNumber), index('issuance_rows_pending_idx').on(t.jobId, t.status)],
);
