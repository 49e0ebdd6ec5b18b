import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Clock } from '../core/clock.js';
import { AppError } from '../core/errors.js';
import { type Db, schema } from '../db/index.js';
import {
  createSigner,
  type IssuerPublicKey,
  type KeyStore,
  type MasterKey,
  newIssuerKey,
  openPrivateKey,
  type SealedKey,
  type Signer,
} from '../credentials/index.js';

const { issuerKeys, organisations } = schema;

/**
 * Issuer keys in PostgreSQL, sealed under the master key. An issuer is the
 * did:web of an organisation hosted here (`…:issuers:<slug>`); the first
 * signature creates its key. Signers are cached: a key is unsealed once.
 */
export class DbKeyStore implements KeyStore {
  private readonly signers = new Map<string, Signer>();

  constructor(
    private readonly db: Db,
    private readonly masterKey: MasterKey,
    private readonly clock: Clock,
  ) {}

  private async orgIdOf(issuer: string): Promise<string> {
    const slug = /:issuers:([a-z0-9-]+)$/.exec(issuer)?.[1];
    const [org] = slug ? await this.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug)) : [];
    if (!org) throw new AppError('not_found', `No issuer ${issuer} is hosted here.`);
    return org.id;
  }

  async getSigner(issuer: string): Promise<Signer> {
    const orgId = await this.orgIdOf(issuer);
    const [current] = await this.db
      .select()
      .from(issuerKeys)
      .where(and(eq(issuerKeys.orgId, orgId), isNull(issuerKeys.retiredAt)));
    if (!current) {
      await this.addKey(issuer);
      return this.getSigner(issuer);
    }
    const vm = `${issuer}#${current.keyId}`;
    let signer = this.signers.get(vm);
    if (!signer) {
      signer = createSigner(vm, openPrivateKey(JSON.parse(current.sealedPrivateKey) as SealedKey, this.masterKey));
      this.signers.set(vm, signer);
    }
    return signer;
  }

  /** Adds a key and retires the current one, in one transaction: there is always exactly one signing key. */
  async addKey(issuer: string): Promise<IssuerPublicKey> {
    const orgId = await this.orgIdOf(issuer);
    const key = newIssuerKey(issuer, this.masterKey, this.clock.now());
    await this.db.transaction(async (tx) => {
      await tx.update(issuerKeys).set({ retiredAt: key.createdAt }).where(and(eq(issuerKeys.orgId, orgId), isNull(issuerKeys.retiredAt)));
      await tx.insert(issuerKeys).values({
        orgId,
        keyId: key.publicKeyMultibase,
        publicKeyMultibase: key.publicKeyMultibase,
        sealedPrivateKey: JSON.stringify(key.sealed),
        createdAt: key.createdAt,
      });
    });
    const { sealed: _sealed, ...pub } = key;
    return pub;
  }

  async listPublicKeys(issuer: string): Promise<IssuerPublicKey[]> {
    const orgId = await this.orgIdOf(issuer);
    const rows = await this.db.select().from(issuerKeys).where(eq(issuerKeys.orgId, orgId)).orderBy(asc(issuerKeys.createdAt));
    return rows.map((r) => ({ issuer, verificationMethod: `${issuer}#${r.keyId}`, publicKeyMultibase: r.publicKeyMultibase, createdAt: r.createdAt }));
  }
}
