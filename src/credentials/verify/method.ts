import type { JsonObject } from '../did.js';
import { findVerificationMethod } from '../loader.js';
import { findTrustedKey, keyMaterial, type KeyMaterial } from './keys.js';
import type { Resolver } from './resolver.js';
import type { TrustedKey } from './types.js';

export interface Part {
  ok: boolean | null;
  reason: string;
}

/** The outcome of dereferencing a verification method: issuer resolution and key authorisation, separately. */
export interface MethodLookup {
  issuer: Part;
  key: Part;
  material?: KeyMaterial;
  /** Who controls the key (the DID or controller document id). */
  controller?: string;
}

function listed(document: JsonObject, relation: string, id: string): boolean {
  return [document[relation]].flat().some((e) => e === id || (e && typeof e === 'object' && (e as JsonObject).id === id));
}

/**
 * Dereferences `vmId` and checks it may be used for `relation`
 * (`assertionMethod` for credentials, `authentication` for presentations).
 */
export async function lookupMethod(vmId: unknown, relation: string, resolver: Resolver, trustedKeys?: TrustedKey[]): Promise<MethodLookup> {
  const skipped: Part = { ok: null, reason: 'not checked: the key could not be found' };
  if (typeof vmId !== 'string' || vmId === '') {
    return { issuer: skipped, key: { ok: false, reason: 'the proof names no verification method' } };
  }
  const trusted = findTrustedKey(trustedKeys, vmId);
  if (trusted) {
    const material = keyMaterial({ ...trusted, type: trusted.type ?? (trusted.publicKeyJwk ? 'JsonWebKey' : 'Multikey') });
    if (typeof material === 'string') return { issuer: skipped, key: { ok: false, reason: material } };
    const reason = `${vmId} is a key the verifier trusts (--key)`;
    return { issuer: { ok: true, reason }, key: { ok: true, reason }, material, controller: trusted.controller };
  }
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(vmId)) {
    return { issuer: skipped, key: { ok: false, reason: `verificationMethod ${JSON.stringify(vmId)} is not a URL` } };
  }
  const hash = vmId.indexOf('#');
  if (hash < 0 && vmId.startsWith('did:')) {
    return { issuer: skipped, key: { ok: false, reason: `verificationMethod ${vmId} is a DID, not a verification method URL (it needs a #fragment naming the key)` } };
  }
  const base = hash < 0 ? vmId : vmId.slice(0, hash);
  const resolved = await resolver.resolve(base);
  if (!resolved.ok) return { issuer: { ok: resolved.ok, reason: resolved.reason }, key: skipped };
  const doc = resolved.document;
  const controller = typeof doc.id === 'string' ? doc.id : base;
  const issuer: Part = { ok: true, reason: `resolved ${base}` };
  const vm = hash < 0 && doc.id === vmId ? doc : findVerificationMethod(doc, vmId);
  if (!vm) return { issuer, controller, key: { ok: false, reason: `${vmId} is not a verification method of ${controller}` } };
  if (vm.controller !== undefined && vm.controller !== controller) {
    return { issuer, controller, key: { ok: false, reason: `${vmId} is controlled by ${String(vm.controller)}, not by ${controller}` } };
  }
  if (hash >= 0 && !listed(doc, relation, vmId)) {
    return { issuer, controller, key: { ok: false, reason: `${vmId} is not an ${relation} of ${controller}` } };
  }
  const material = keyMaterial(vm);
  if (typeof material === 'string') return { issuer, controller, key: { ok: false, reason: material } };
  return { issuer, controller, material, key: { ok: true, reason: `${vmId} is an ${relation} of ${controller}` } };
}
