import { eq } from 'drizzle-orm';
import { AppError } from '../core/errors.js';
import { type DbOrTx, type Db, isUniqueViolation, schema } from '../db/index.js';
import { dummyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { createOrganisation } from './organisations.js';

const { users, memberships, organisations } = schema;

export type User = typeof users.$inferSelect;
export type PublicUser = Omit<User, 'passwordHash'>;

/** A learner as the learner-side modules need one: their account and the (lower-cased) email credentials may be issued to. */
export interface LearnerRef {
  id: string;
  email: string;
}

export function normaliseEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase();
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new AppError('invalid_request', `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`, {
      errors: [{ path: 'body.password', message: `At least ${MIN_PASSWORD_LENGTH} characters.` }],
    });
  }
}

export interface NewUser {
  email: string;
  password: string;
  name: string;
  isLearner?: boolean;
  /** Pre-computed hash (demo seeding); skips hashing `password`. */
  passwordHash?: string;
}

export async function createUser(db: DbOrTx, input: NewUser): Promise<PublicUser> {
  if (!input.passwordHash) checkPassword(input.password);
  const passwordHash = input.passwordHash ?? (await hashPassword(input.password));
  try {
    const [row] = await db
      .insert(users)
      .values({
        email: normaliseEmail(input.email),
        name: input.name.trim().normalize('NFC'),
        passwordHash,
        isLearner: input.isLearner ?? false,
      })
      .returning();
    return toPublic(row!);
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw new AppError('email_taken', undefined, { errors: [{ path: 'body.email', message: 'Already registered.' }] });
    }
    throw e;
  }
}

export type AccountType = 'learner' | 'provider' | 'employer';

export interface SignUp {
  email: string;
  password: string;
  name: string;
  account: AccountType;
  organisationName?: string;
}

/** Self-service sign-up: a learner account, or a provider/employer organisation with its first admin. */
export async function signUp(db: Db, input: SignUp): Promise<PublicUser> {
  checkPassword(input.password);
  if (input.account !== 'learner' && !input.organisationName?.trim()) {
    throw new AppError('invalid_request', 'An organisation name is needed for this account type.', {
      errors: [{ path: 'body.organisationName', message: 'Required for provider and employer accounts.' }],
    });
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await createUser(tx, { ...input, passwordHash, isLearner: input.account === 'learner' });
    if (input.account !== 'learner') {
      const org = await createOrganisation(tx, { name: input.organisationName!, kind: input.account });
      await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: 'admin' });
    }
    return user;
  });
}

/** Checks email and password; the same error and similar timing whether the email exists or not. */
export async function authenticate(db: DbOrTx, email: string, password: string): Promise<PublicUser> {
  const [row] = await db.select().from(users).where(eq(users.email, normaliseEmail(email)));
  const ok = await verifyPassword(password, row?.passwordHash ?? (await dummyPasswordHash()));
  if (!row || !ok) throw new AppError('invalid_credentials');
  return toPublic(row);
}

export async function getUser(db: DbOrTx, userId: string): Promise<PublicUser> {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  if (!row) throw new AppError('not_found', 'No such user.');
  return toPublic(row);
}

export async function findUserByEmail(db: DbOrTx, email: string): Promise<PublicUser | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, normaliseEmail(email)));
  return row && toPublic(row);
}

export async function setPassword(db: DbOrTx, userId: string, password: string): Promise<void> {
  checkPassword(password);
  await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, userId));
}

export interface ProfileChange {
  name?: string;
  headline?: string | null;
  locale?: string | null;
}

export async function updateProfile(db: DbOrTx, userId: string, change: ProfileChange): Promise<PublicUser> {
  const set: Partial<User> = {};
  if (change.name !== undefined) set.name = change.name.trim().normalize('NFC');
  if (change.headline !== undefined) set.headline = change.headline?.trim().normalize('NFC') || null;
  if (change.locale !== undefined) set.locale = change.locale || null;
  if (Object.keys(set).length === 0) return getUser(db, userId);
  const [row] = await db.update(users).set(set).where(eq(users.id, userId)).returning();
  if (!row) throw new AppError('not_found', 'No such user.');
  return toPublic(row);
}

export async function listMembershipsOf(db: DbOrTx, userId: string) {
  return db
    .select({
      orgId: organisations.id,
      orgName: organisations.name,
      orgSlug: organisations.slug,
      orgKind: organisations.kind,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name);
}

function toPublic(row: User): PublicUser {
  const { passwordHash: _omit, ...rest } = row;
  return rest;
}
