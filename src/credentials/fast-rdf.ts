/**
 * A fast JSON-LD 1.1 → RDF conversion for the documents microcred signs and
 * verifies, written from the JSON-LD 1.1 Processing Algorithms (Context
 * Processing §4.1, Create Term Definition §4.2, IRI Expansion §5.2, Expansion
 * §5.1, Value Expansion §5.3, Object to RDF §8.2 / List to RDF §8.3).
 *
 * Contexts come only from the bundled set (src/credentials/contexts.ts) and
 * are compiled once into immutable active contexts; applying a context to an
 * active context is memoised, so a credential costs one walk over its JSON.
 * Expansion and RDF conversion are fused: quads are emitted while walking.
 *
 * It covers what VC 2.0, OB 3.0, Data Integrity and the status list contexts
 * use (@protected, type- and property-scoped contexts, @vocab, @type @id /
 * @vocab / @json / datatypes, @container @set / @list / @graph, value objects
 * with @type or @language). Anything else — an unknown context, an undefined
 * term, a relative IRI, a keyword or feature not listed — makes it *decline*
 * (return undefined), and the caller uses jsonld.js instead, so the answer is
 * never different: safe-mode errors are raised by the library path.
 */
import { BUNDLED_CONTEXTS } from './contexts.js';
import { jcs } from './jcs.js';

export const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';
const XSD_BOOLEAN = 'http://www.w3.org/2001/XMLSchema#boolean';
const XSD_INTEGER = 'http://www.w3.org/2001/XMLSchema#integer';
const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const RDF_TYPE = `${RDF}type`;
const RDF_FIRST = `${RDF}first`;
const RDF_REST = `${RDF}rest`;
const RDF_NIL = `${RDF}nil`;
const RDF_JSON = `${RDF}JSON`;
export const RDF_LANGSTRING = `${RDF}langString`;

/** An RDF term: IRI, blank node (label without `_:`) or literal. */
export type Term =
  | { kind: 'iri'; value: string }
  | { kind: 'bnode'; value: string }
  | { kind: 'literal'; value: string; datatype: string; language?: string };

/** A quad; `graph` null is the default graph. Predicates are always IRIs. */
export interface Quad {
  s: Term;
  p: string;
  o: Term;
  g: Term | null;
}

/** Thrown inside the fast path when a document needs something it does not implement. */
class Decline extends Error {}
const decline = (why: string): never => {
  throw new Decline(why);
};

const KEYWORDS = new Set([
  '@base', '@container', '@context', '@direction', '@graph', '@id', '@import', '@included', '@index', '@json', '@language', '@list',
  '@nest', '@none', '@prefix', '@propagate', '@protected', '@reverse', '@set', '@type', '@value', '@version', '@vocab',
]);
const KEYWORD_FORM = /^@[a-zA-Z]+$/;
// An absolute IRI we can pass through untouched: a scheme, and none of the characters N-Quads would have to escape.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be excluded
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|^`\\]*$/;
const absoluteSeen = new Map<string, boolean>();
/** ABSOLUTE_IRI.test, remembered: the same predicates and type IRIs come back in every credential. */
function isAbsoluteIri(iri: string): boolean {
  let ok = absoluteSeen.get(iri);
  if (ok === undefined) {
    ok = ABSOLUTE_IRI.test(iri);
    if (absoluteSeen.size >= 10_000) absoluteSeen.clear();
    absoluteSeen.set(iri, ok);
  }
  return ok;
}
const GEN_DELIM_END = /[:/?#[\]@]$/;
const BCP47 = /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/;

interface TermDef {
  /** Absolute IRI, or the keyword `@id` / `@type` for an alias. */
  iri: string;
  prefix: boolean;
  protected: boolean;
  /** `@id`, `@vocab`, `@json`, `@none` or a datatype IRI. */
  type?: string;
  container?: '@set' | '@list' | '@graph';
  /** The scoped context, when the definition has one (may be null). */
  hasContext: boolean;
  context?: unknown;
  /** The scoped context's JSON, for comparing redefinitions of protected terms. */
  contextJson?: string;
}

class ActiveContext {
  readonly memo = new Map<string, ActiveContext>();
  /** IRI expansion with vocab of keys and values against this (immutable) context, remembered. */
  readonly vocabIris = new Map<string, string>();
  readonly scopedMemo = [new WeakMap<object, ActiveContext>(), new WeakMap<object, ActiveContext>(), new WeakMap<object, ActiveContext>()];
  constructor(
    readonly terms: Map<string, TermDef>,
    readonly vocab: string | null,
    readonly previous: ActiveContext | null,
  ) {}
  hasProtected(): boolean {
    for (const def of this.terms.values()) if (def.protected) return true;
    return false;
  }
}

const INITIAL = new ActiveContext(new Map(), null, null);
const MAX_DEPTH = 32;
const MAX_MEMO = 512;

function sameDefinition(a: TermDef, b: TermDef): boolean {
  return a.iri === b.iri && a.prefix === b.prefix && a.type === b.type && a.container === b.container && a.hasContext === b.hasContext && a.contextJson === b.contextJson;
}

/** The local context being processed, for term definitions created on demand (§4.2 dependencies). */
interface Defining {
  local: Record<string, unknown>;
  defined: Map<string, boolean>;
  protectedDefault: boolean;
  overrideProtected: boolean;
  depth: number;
  fromBundle: boolean;
}

interface Flags {
  propagate: boolean;
  overrideProtected: boolean;
}

/** Context Processing (§4.1), memoised per (active context, local context, flags). */
function processContext(active: ActiveContext, local: unknown, flags: Flags, depth: number, fromBundle: boolean): ActiveContext {
  if (depth > MAX_DEPTH) decline('contexts nest too deeply');
  const flagIndex = (flags.propagate ? 0 : 1) + (flags.overrideProtected ? 2 : 0);
  // Bundled (immutable) context objects are memoised by identity; anything from a document by its JSON.
  if (fromBundle && local !== null && typeof local === 'object') {
    const memo = active.scopedMemo[flagIndex % 3]!;
    // flagIndex 3 (non-propagated + override) never happens for scoped contexts; guard anyway.
    if (flagIndex === 3) decline('unexpected context flags');
    const hit = memo.get(local);
    if (hit) return hit;
    const result = computeContext(active, local, flags, depth, true);
    memo.set(local, result);
    return result;
  }
  const key = `${flagIndex}${typeof local === 'string' ? local : JSON.stringify(local)}`;
  const hit = active.memo.get(key);
  if (hit) return hit;
  // A document's own context is copied, so later changes to the document cannot reach the memo.
  const result = computeContext(active, fromBundle ? local : structuredClone(local), flags, depth, fromBundle);
  if (active.memo.size > MAX_MEMO) active.memo.clear();
  active.memo.set(key, result);
  return result;
}

function computeContext(active: ActiveContext, local: unknown, flags: Flags, depth: number, fromBundle: boolean): ActiveContext {
  let terms = active.terms;
  let vocab = active.vocab;
  let previous = active.previous;
  if (!flags.propagate && previous === null) previous = active;
  if (local !== null && typeof local === 'object' && !Array.isArray(local) && '@propagate' in local) decline('@propagate');
  for (const context of Array.isArray(local) ? local : [local]) {
    if (context === null) {
      const current = new ActiveContext(terms, vocab, previous);
      if (!flags.overrideProtected && current.hasProtected()) decline('nullifying a context with protected terms');
      terms = new Map();
      vocab = null;
      if (flags.propagate) previous = null;
      continue;
    }
    if (typeof context === 'string') {
      const doc = BUNDLED_CONTEXTS.get(context);
      if (doc === undefined) decline(`context ${context} is not bundled`);
      const inner = (doc as Record<string, unknown> | null)?.['@context'];
      if (inner === undefined || typeof doc !== 'object' || Array.isArray(doc)) decline(`context ${context} has no @context`);
      const loaded = processContext(new ActiveContext(terms, vocab, previous), inner, { propagate: true, overrideProtected: false }, depth + 1, true);
      terms = loaded.terms;
      vocab = loaded.vocab;
      previous = loaded.previous;
      continue;
    }
    if (typeof context !== 'object' || Array.isArray(context)) decline('a context must be a string, null or an object');
    const ctx = context as Record<string, unknown>;
    for (const k of ['@import', '@base', '@language', '@direction', '@propagate']) if (k in ctx) decline(k);
    if ('@version' in ctx && ctx['@version'] !== 1.1) decline('@version');
    if ('@protected' in ctx && typeof ctx['@protected'] !== 'boolean') decline('@protected');
    terms = new Map(terms);
    const working = new ActiveContext(terms, vocab, previous);
    if ('@vocab' in ctx) {
      const v = ctx['@vocab'];
      if (v === null) vocab = null;
      else if (typeof v === 'string') {
        const iri = expandIri(working, v, true);
        if (!ABSOLUTE_IRI.test(iri)) decline('@vocab is not an absolute IRI');
        vocab = iri;
      } else decline('@vocab');
    }
    const defining = new ActiveContext(terms, vocab, previous);
    const d: Defining = { local: ctx, defined: new Map(), protectedDefault: ctx['@protected'] === true, overrideProtected: flags.overrideProtected, depth, fromBundle };
    for (const term of Object.keys(ctx)) {
      if (term === '@version' || term === '@vocab' || term === '@protected') continue;
      createTermDefinition(defining, term, d);
    }
  }
  return new ActiveContext(terms, vocab, previous);
}

/** Create Term Definition (§4.2), for the subset of definitions listed in the module comment. */
function createTermDefinition(active: ActiveContext, term: string, d: Defining): void {
  const { local, defined, protectedDefault, overrideProtected, depth, fromBundle } = d;
  const state = defined.get(term);
  if (state === true) return;
  if (state === false) decline('cyclic term definition');
  if (term === '' || KEYWORDS.has(term) || KEYWORD_FORM.test(term)) decline(`term ${term}`);
  defined.set(term, false);
  let value = local[term];
  const previous = active.terms.get(term);
  active.terms.delete(term);
  let simple = false;
  if (typeof value === 'string') {
    value = { '@id': value };
    simple = true;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return decline(`definition of ${term}`);
  const v = value as Record<string, unknown>;
  for (const k of Object.keys(v)) if (k !== '@id' && k !== '@type' && k !== '@container' && k !== '@context' && k !== '@protected' && k !== '@prefix') decline(`${k} in a term definition`);
  if ('@protected' in v && typeof v['@protected'] !== 'boolean') decline('@protected');
  const def: TermDef = { iri: '', prefix: false, protected: (v['@protected'] as boolean | undefined) ?? protectedDefault, hasContext: false };

  if ('@type' in v) {
    const t = v['@type'];
    if (typeof t !== 'string') return decline('@type in a term definition');
    if (t === '@id' || t === '@vocab' || t === '@json' || t === '@none') def.type = t;
    else {
      const iri = expandIri(active, t, true, d);
      if (!ABSOLUTE_IRI.test(iri)) decline('a term type that is not an absolute IRI');
      def.type = iri;
    }
  }

  const colon = term.indexOf(':', 1);
  if ('@id' in v && v['@id'] !== term) {
    const id = v['@id'];
    if (typeof id !== 'string') return decline(`@id of ${term}`);
    if (!KEYWORDS.has(id) && KEYWORD_FORM.test(id)) decline('a keyword-like @id');
    const iri = expandIri(active, id, true, d);
    if (iri === '@id' || iri === '@type') {
      if (Object.keys(v).some((k) => k !== '@id' && k !== '@protected')) decline('an alias with more than @id');
    } else if (!ABSOLUTE_IRI.test(iri)) decline(`${term} does not map to an absolute IRI`);
    def.iri = iri;
    if ((colon > 0 && colon < term.length - 1) || term.includes('/')) {
      defined.set(term, true);
      if (expandIri(active, term, true, d) !== iri) decline('a compact-IRI-shaped term mapping elsewhere');
    }
    if (!term.includes(':') && !term.includes('/') && simple && GEN_DELIM_END.test(iri)) def.prefix = true;
  } else if (colon > 0) {
    const prefix = term.slice(0, colon);
    if (Object.hasOwn(local, prefix)) createTermDefinition(active, prefix, d);
    const prefixDef = active.terms.get(prefix);
    def.iri = prefixDef ? prefixDef.iri + term.slice(colon + 1) : term;
    if (!ABSOLUTE_IRI.test(def.iri)) decline(`${term} is not an absolute IRI`);
  } else if (term.includes('/')) {
    decline('a relative-IRI term');
  } else if (active.vocab !== null) {
    def.iri = active.vocab + term;
  } else {
    decline(`${term} has no IRI`);
  }

  if ('@container' in v) {
    let c = v['@container'];
    if (Array.isArray(c) && c.length === 1) c = c[0];
    if (c !== '@set' && c !== '@list' && c !== '@graph') return decline(`@container ${JSON.stringify(c)}`);
    def.container = c;
  }
  if ('@prefix' in v) {
    if (typeof v['@prefix'] !== 'boolean' || term.includes(':') || term.includes('/')) decline('@prefix');
    def.prefix = v['@prefix'] as boolean;
  }
  if ('@context' in v) {
    def.hasContext = true;
    def.context = v['@context'];
    def.contextJson = jcs(v['@context']); // key order does not matter when comparing
    // As the specification requires, a scoped context must itself be valid where it is defined.
    processContext(active, def.context, { propagate: true, overrideProtected: true }, depth + 1, fromBundle);
  }
  if (def.iri === '@id' || def.iri === '@type') {
    if (def.type !== undefined || def.container !== undefined || def.hasContext) decline('a keyword alias with options');
  }

  if (previous?.protected && !overrideProtected) {
    defined.set(term, true);
    if (!sameDefinition(previous, def)) decline(`redefinition of protected term ${term}`);
    active.terms.set(term, previous);
    return;
  }
  active.terms.set(term, def);
  defined.set(term, true);
}

/** IRI Expansion (§5.2) with a null base: a relative result is returned as is and rejected by the caller. */
/** expandIri(active, value, true) outside context processing, remembered per active context. */
function expandVocab(active: ActiveContext, value: string): string {
  let iri = active.vocabIris.get(value);
  if (iri === undefined) {
    iri = expandIri(active, value, true);
    if (active.vocabIris.size < 4096) active.vocabIris.set(value, iri);
  }
  return iri;
}

function expandIri(active: ActiveContext, value: string, vocab: boolean, d?: Defining): string {
  if (value.charCodeAt(0) === 64 /* @ */) {
    if (KEYWORDS.has(value)) return value;
    if (KEYWORD_FORM.test(value)) decline(`keyword-like ${value}`);
  }
  if (d && Object.hasOwn(d.local, value) && d.defined.get(value) !== true) createTermDefinition(active, value, d);
  if (vocab) {
    const def = active.terms.get(value);
    if (def) return def.iri;
  }
  const colon = value.indexOf(':', 1);
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    const suffix = value.slice(colon + 1);
    if (prefix === '_' || suffix.startsWith('//')) return value;
    if (d && Object.hasOwn(d.local, prefix) && d.defined.get(prefix) !== true) createTermDefinition(active, prefix, d);
    const def = active.terms.get(prefix);
    if (def && def.prefix) return def.iri + suffix;
    if (ABSOLUTE_IRI.test(value)) return value;
  }
  if (vocab && active.vocab !== null) return active.vocab + value;
  return value;
}

interface State {
  quads: Quad[];
  next: number;
  labels: Map<string, string>;
  /**
   * False once the same quad may have been emitted twice: two node objects
   * with one @id in one graph, two keys of a node expanding to one predicate,
   * or a repeated value among a property's values. While true, every quad is
   * known to be different and the canonicaliser need not look for repeats.
   */
  distinct: boolean;
  subjects: Set<string>;
}

const termKey = (t: Term) => (t.kind === 'literal' ? `l\u0000${t.value}\u0000${t.datatype}\u0000${t.language ?? ''}` : `${t.kind}\u0000${t.value}`);

function blank(state: State): Term {
  return { kind: 'bnode', value: `b${state.next++}` };
}

/** An IRI or blank node identifier from a node id or an `@id`-typed value; anything relative declines. */
function resource(state: State, iri: string): Term {
  if (iri.startsWith('_:')) {
    let label = state.labels.get(iri);
    if (label === undefined) {
      label = `b${state.next++}`;
      state.labels.set(iri, label);
    }
    return { kind: 'bnode', value: label };
  }
  if (!ABSOLUTE_IRI.test(iri)) decline(`relative IRI ${iri}`);
  return { kind: 'iri', value: iri };
}

/**
 * A JSON number or boolean as a literal (Object to RDF, §8.2 steps 10–12), with
 * the coerced datatype when there is one: a number with a fractional part (or
 * typed xsd:double) in the canonical xsd:double form, otherwise an integer.
 */
function nativeLiteral(value: boolean | number, datatype: string | undefined): Term {
  if (typeof value === 'boolean') return { kind: 'literal', value: String(value), datatype: datatype ?? XSD_BOOLEAN };
  // Exponent notation is where implementations disagree on integer vs double: leave it to the library.
  if (!Number.isFinite(value) || String(value).includes('e')) return decline('a number in exponent notation');
  if (!Number.isInteger(value) || datatype === XSD_DOUBLE) {
    // Canonical xsd:double: mantissa with at least one fraction digit and no trailing zeros, E, exponent without +.
    const [mantissa, exponent] = value.toExponential(15).split('e') as [string, string];
    const trimmed = mantissa.replace(/(\.\d*?[0-9])0+$/, '$1');
    return { kind: 'literal', value: `${trimmed}E${exponent.replace('+', '')}`, datatype: datatype ?? XSD_DOUBLE };
  }
  return { kind: 'literal', value: value.toFixed(0), datatype: datatype ?? XSD_INTEGER };
}

/** Value Expansion (§5.3) then Object to RDF (§8.2) for a scalar. */
function scalarObject(state: State, ctx: ActiveContext, def: TermDef | undefined, value: unknown): Term {
  const type = def?.type;
  if (typeof value === 'string') {
    if (type === '@id') return resource(state, expandIri(ctx, value, false));
    if (type === '@vocab') return resource(state, expandVocab(ctx, value));
    if (type === undefined || type === '@none') return { kind: 'literal', value, datatype: XSD_STRING };
    if (type === XSD_DOUBLE) decline('a string typed xsd:double');
    return { kind: 'literal', value, datatype: type };
  }
  if (typeof value !== 'boolean' && typeof value !== 'number') return decline(`value ${JSON.stringify(value)}`);
  return nativeLiteral(value, type === undefined || type === '@none' || type === '@id' || type === '@vocab' ? undefined : type);
}

/** A value object: `@value` with an optional `@type` or `@language`. */
function valueObject(state: State, ctx: ActiveContext, obj: Record<string, unknown>): Term {
  let value: unknown;
  let type: string | undefined;
  let language: string | undefined;
  for (const key of Object.keys(obj)) {
    const k = expandVocab(ctx, key);
    const v = obj[key];
    if (k === '@value') value = v;
    else if (k === '@type') {
      if (typeof v !== 'string') decline('@type of a value object');
      const def = ctx.terms.get(v as string);
      if (def?.hasContext) decline('a value type with a scoped context');
      type = expandVocab(ctx, v as string);
      if (type === '@json' || !ABSOLUTE_IRI.test(type)) decline('value object type');
    } else if (k === '@language') {
      if (typeof v !== 'string' || !BCP47.test(v)) decline('@language');
      language = (v as string).toLowerCase();
    } else decline(`${key} in a value object`);
  }
  if (type !== undefined && language !== undefined) decline('@type with @language');
  if (language !== undefined) {
    if (typeof value !== 'string') decline('a language-tagged non-string');
    return { kind: 'literal', value: value as string, datatype: RDF_LANGSTRING, language };
  }
  if (typeof value === 'string') {
    if (type === XSD_DOUBLE) decline('a string typed xsd:double');
    return { kind: 'literal', value, datatype: type ?? XSD_STRING };
  }
  if (typeof value !== 'boolean' && typeof value !== 'number') return decline('@value');
  return nativeLiteral(value, type);
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether a map is a value object, judged by its keys expanded against `ctx`. */
function isValueObject(ctx: ActiveContext, obj: Record<string, unknown>): boolean {
  for (const key of Object.keys(obj)) if (key === '@value' || expandVocab(ctx, key) === '@value') return true;
  return false;
}

/**
 * One item of a property's value: emits its quads (for a node) and returns the
 * RDF term that is the object of the property.
 */
function itemObject(state: State, ctx: ActiveContext, key: string, def: TermDef | undefined, item: unknown, graph: Term | null, graphTop = false): Term {
  if (item === null || Array.isArray(item)) return decline('null or nested array value');
  if (!isMap(item)) {
    // §5.1 step 4: a scalar is expanded with the property-scoped context applied.
    let c = ctx;
    let d = def;
    if (def?.hasContext) {
      c = processContext(ctx, def.context, { propagate: true, overrideProtected: true }, 0, true);
      d = c.terms.get(key);
    }
    return scalarObject(state, c, d, item);
  }
  // §5.1 steps 7–8: a node object leaves type-scoped contexts behind, then takes the property-scoped one.
  let c = ctx;
  const value = isValueObject(ctx, item);
  if (c.previous !== null && !value) {
    const keys = Object.keys(item);
    const onlyId = keys.length === 1 && expandVocab(c, keys[0]!) === '@id';
    if (!onlyId) c = c.previous;
  }
  if (def?.hasContext) c = processContext(c, def.context, { propagate: true, overrideProtected: true }, 0, true);
  if (value) {
    if ('@context' in item) decline('@context in a value object');
    return valueObject(state, c, item);
  }
  // The top node of a @graph container is free-floating when it has only an @id: jsonld.js drops it (a safe-mode error).
  return nodeObject(state, c, item, graph, graphTop);
}

/** Expands a node object and emits its quads into `graph`; returns its subject. */
function nodeObject(state: State, ctx: ActiveContext, node: Record<string, unknown>, graph: Term | null, top: boolean): Term {
  if ('@context' in node) ctx = processContext(ctx, node['@context'], { propagate: true, overrideProtected: false }, 0, false);
  const keys = Object.keys(node).filter((k) => k !== '@context');
  if (keys.length === 0) decline('an empty object');
  // §5.1 steps 10–11: type-scoped contexts, found through the keys that expand to @type before they apply.
  const typeScoped = ctx;
  let typeKey: string | undefined;
  for (const key of keys) {
    if (expandVocab(typeScoped, key) !== '@type') continue;
    if (typeKey !== undefined) decline('two @type keys');
    typeKey = key;
  }
  let types: string[] = [];
  if (typeKey !== undefined) {
    const raw = node[typeKey];
    types = Array.isArray(raw) ? (raw as string[]) : [raw as string];
    if (types.length === 0 || types.some((t) => typeof t !== 'string')) decline('an empty or non-string type');
    for (const t of [...types].sort()) {
      const def = typeScoped.terms.get(t);
      if (def?.hasContext) ctx = processContext(ctx, def.context, { propagate: false, overrideProtected: false }, 0, true);
    }
  }
  let idKey: string | undefined;
  const properties: Array<[string, string]> = [];
  for (const key of keys) {
    if (key === typeKey) continue;
    const expanded = expandVocab(ctx, key);
    if (expanded === '@id') {
      if (idKey !== undefined) decline('two @id keys');
      idKey = key;
    } else if (expanded.startsWith('@')) {
      decline(`keyword ${expanded} in a node object`);
    } else {
      if (expanded.startsWith('_:') || !isAbsoluteIri(expanded)) decline(`property ${key} does not expand to an absolute IRI`);
      properties.push([key, expanded]);
    }
  }
  if (top && properties.length === 0 && typeKey === undefined) decline('a top-level object with only @id');

  let subject: Term;
  if (idKey !== undefined) {
    const id = node[idKey];
    if (typeof id !== 'string') return decline('a non-string @id');
    subject = resource(state, expandIri(ctx, id, false));
    const seen = `${graph === null ? '' : graph.value}\u0000${subject.kind}\u0000${subject.value}`;
    if (state.subjects.has(seen)) state.distinct = false;
    else state.subjects.add(seen);
  } else subject = blank(state);

  const typeIris = new Set<string>();
  for (const t of types) {
    const iri = expandVocab(typeScoped, t);
    if (iri.startsWith('_:') || !isAbsoluteIri(iri)) decline(`type ${t} does not expand to an absolute IRI`);
    typeIris.add(iri);
    state.quads.push({ s: subject, p: RDF_TYPE, o: { kind: 'iri', value: iri }, g: graph });
  }
  if (state.distinct) {
    const predicates = new Set(properties.map(([, p]) => p));
    if (types.length) predicates.add(RDF_TYPE);
    if (typeIris.size !== types.length || predicates.size !== properties.length + (types.length ? 1 : 0)) state.distinct = false;
  }

  for (const [key, predicate] of properties) {
    const def = ctx.terms.get(key);
    const raw = node[key];
    if (def?.type === '@json') {
      if (def.container !== undefined || raw === null) decline('@json with a container or null');
      state.quads.push({ s: subject, p: predicate, o: { kind: 'literal', value: jcs(raw), datatype: RDF_JSON }, g: graph });
      continue;
    }
    const items = Array.isArray(raw) ? raw : [raw];
    if (def?.container === '@list') {
      const objects = items.map((item) => itemObject(state, ctx, key, def, item, graph));
      let head: Term = { kind: 'iri', value: RDF_NIL };
      for (let i = objects.length - 1; i >= 0; i--) {
        const cell = blank(state);
        state.quads.push({ s: cell, p: RDF_FIRST, o: objects[i]!, g: graph }, { s: cell, p: RDF_REST, o: head, g: graph });
        head = cell;
      }
      state.quads.push({ s: subject, p: predicate, o: head, g: graph });
      continue;
    }
    const objects = items.length > 1 && def?.container !== '@graph' ? new Set<string>() : undefined;
    for (const item of items) {
      if (def?.container === '@graph') {
        // Each item is its own named graph, named by a fresh blank node (§5.1 step 13.8.3).
        if (!isMap(item) || isValueObject(ctx, item)) decline('a non-node value in a @graph container');
        const name = blank(state);
        itemObject(state, ctx, key, def, item, name, true);
        state.quads.push({ s: subject, p: predicate, o: name, g: graph });
      } else {
        const object = itemObject(state, ctx, key, def, item, graph);
        if (objects && state.distinct) {
          const k = termKey(object);
          if (objects.has(k)) state.distinct = false;
          else objects.add(k);
        }
        state.quads.push({ s: subject, p: predicate, o: object, g: graph });
      }
    }
  }
  return subject;
}

/**
 * The RDF dataset of a JSON-LD document over the bundled contexts, or
 * undefined when the document uses something this fast path does not handle
 * (the caller then asks jsonld.js, which gives the answer or the error).
 * `distinct` is true when no quad can have been emitted twice.
 */
export function fastDataset(document: unknown): { quads: Quad[]; distinct: boolean } | undefined {
  if (!isMap(document)) return undefined;
  const state: State = { quads: [], next: 0, labels: new Map(), distinct: true, subjects: new Set() };
  try {
    nodeObject(state, INITIAL, document, null, true);
  } catch (e) {
    if (e instanceof Decline) return undefined;
    throw e;
  }
  return { quads: state.quads, distinct: state.distinct };
}

/** The quads of `fastDataset`, possibly with repeats. */
export function fastToRdf(document: unknown): Quad[] | undefined {
  return fastDataset(document)?.quads;
}

/** Why the fast path declines a document (for tests and diagnostics); undefined when it accepts it. */
export function fastPathDeclines(document: unknown): string | undefined {
  if (!isMap(document)) return 'not a JSON object';
  const state: State = { quads: [], next: 0, labels: new Map(), distinct: true, subjects: new Set() };
  try {
    nodeObject(state, INITIAL, document, null, true);
    return undefined;
  } catch (e) {
    if (e instanceof Decline) return e.message;
    throw e;
  }
}
