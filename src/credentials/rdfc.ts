/**
 * RDFC-1.0 (W3C RDF Dataset Canonicalization, 2024) for the datasets our
 * credentials produce, written from the Recommendation: canonical N-Quads
 * serialisation (the canonical form of RDF 1.2 N-Quads), the first-degree
 * hash of each blank node (§4.6), and the issuing of canonical identifiers in
 * hash order when every first-degree hash is unique (§4.4 step 5).
 *
 * When two blank nodes share a first-degree hash the Hash N-Degree Quads
 * algorithm (§4.8) is needed; we do not implement it and hand the dataset to
 * `rdf-canonize` instead, which runs the full algorithm on the same quads.
 */
import { hash as digest } from 'node:crypto';
import { canonize as rdfCanonize } from 'rdf-canonize';
import { RDF_LANGSTRING, XSD_STRING, type Quad, type Term } from './fast-rdf.js';

// RDF 1.2 canonical N-Quads: \b \t \n \f \r \" \\ as ECHAR, every other control character as \uXXXX.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be escaped
const ESCAPE = /[\u0000-\u001F\u007F"\\]/g;
const ECHAR: Record<string, string> = { '\b': '\\b', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '"': '\\"', '\\': '\\\\' };
function escapeLiteral(s: string): string {
  ESCAPE.lastIndex = 0;
  if (!ESCAPE.test(s)) return s;
  return s.replace(ESCAPE, (c) => ECHAR[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function literal(t: Extract<Term, { kind: 'literal' }>): string {
  const text = `"${escapeLiteral(t.value)}"`;
  if (t.datatype === RDF_LANGSTRING) return `${text}@${t.language}`;
  if (t.datatype === XSD_STRING) return text;
  return `${text}^^<${t.datatype}>`;
}

/** An IRI or literal in N-Quads (IRIs from the fast path never need escaping). */
function ground(t: Term): string {
  return t.kind === 'iri' ? `<${t.value}>` : t.kind === 'literal' ? literal(t) : `_:${t.value}`;
}

/** A quad with its IRIs and literals serialised once; a blank node keeps its label and its flag set. */
interface Row {
  s: string;
  sb: boolean;
  p: string;
  o: string;
  ob: boolean;
  g: string | null;
  gb: boolean;
  /** The finished line, for a quad without blank nodes (its canonical form is its only form). */
  line?: string;
}

function row(q: Quad): Row {
  return {
    s: q.s.kind === 'bnode' ? q.s.value : ground(q.s),
    sb: q.s.kind === 'bnode',
    p: ` <${q.p}> `,
    o: q.o.kind === 'bnode' ? q.o.value : ground(q.o),
    ob: q.o.kind === 'bnode',
    g: q.g === null ? null : q.g.kind === 'bnode' ? q.g.value : ground(q.g),
    gb: q.g?.kind === 'bnode',
  };
}

function render(r: Row, label: (b: string) => string): string {
  const s = r.sb ? `_:${label(r.s)}` : r.s;
  const o = r.ob ? `_:${label(r.o)}` : r.o;
  return r.g === null ? `${s}${r.p}${o} .\n` : `${s}${r.p}${o} ${r.gb ? `_:${label(r.g)}` : r.g} .\n`;
}

/** The quads as RDF/JS-shaped objects, the form `rdf-canonize` (and jsonld.toRDF) use. */
function toRdfJs(quads: Quad[]): unknown[] {
  const node = (t: Term) =>
    t.kind === 'iri'
      ? { termType: 'NamedNode', value: t.value }
      : t.kind === 'bnode'
        ? { termType: 'BlankNode', value: t.value }
        : { termType: 'Literal', value: t.value, datatype: { termType: 'NamedNode', value: t.datatype }, ...(t.language !== undefined ? { language: t.language } : {}) };
  return quads.map((q) => ({
    subject: node(q.s),
    predicate: { termType: 'NamedNode', value: q.p },
    object: node(q.o),
    graph: q.g === null ? { termType: 'DefaultGraph', value: '' } : node(q.g),
  }));
}

/** Canonical N-Quads of a dataset: our own RDFC-1.0 when first-degree hashes decide, else `rdf-canonize`. */
export async function canonizeQuads(quads: Quad[], knownDistinct = false): Promise<string> {
  // Repeats are looked for unless the producer vouches there are none (fast-rdf's `distinct`).
  const { rows, dataset } = knownDistinct ? { rows: quads.map(row), dataset: quads } : distinct(quads);
  return canonizeFirstDegree(rows) ?? rdfCanonize(toRdfJs(dataset), { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}

/** Our own RDFC-1.0 result, or undefined when first-degree hashes tie and the dataset goes to `rdf-canonize`. */
export function firstDegreeCanonical(quads: Quad[]): string | undefined {
  return canonizeFirstDegree(distinct(quads).rows);
}

const same = (b: string) => b;

function distinct(quads: Quad[]): { rows: Row[]; dataset: Quad[] } {
  // An RDF dataset is a set: repeated quads are dropped first (they would change the hashes).
  const seen = new Set<string>();
  const rows: Row[] = [];
  const dataset: Quad[] = [];
  for (const q of quads) {
    const r = row(q);
    const key = render(r, same);
    if (seen.has(key)) continue;
    seen.add(key);
    if (!r.sb && !r.ob && !r.gb) r.line = key;
    rows.push(r);
    dataset.push(q);
  }
  return { rows, dataset };
}

/**
 * RDFC-1.0 §4.4 with every blank node labelled from its first-degree hash;
 * undefined when two blank nodes share a hash (n-degree hashing needed).
 */
function canonizeFirstDegree(rows: Row[]): string | undefined {
  // §4.4 step 2: the quads each blank node appears in.
  const mentions = new Map<string, Row[]>();
  const note = (label: string, r: Row) => {
    const list = mentions.get(label);
    if (list === undefined) mentions.set(label, [r]);
    else if (list[list.length - 1] !== r) list.push(r);
  };
  for (const r of rows) {
    if (r.sb) note(r.s, r);
    if (r.ob) note(r.o, r);
    if (r.gb) note(r.g!, r);
  }
  const canonical = new Map<string, string>();
  if (mentions.size > 0) {
    // §4.6: serialise each quad with the reference blank node as _:a and every other one as _:z, sort, hash.
    const byHash = new Map<string, string>();
    for (const [node, list] of mentions) {
      const relabel = (b: string) => (b === node ? 'a' : 'z');
      const lines = list.map((r) => r.line ?? render(r, relabel)).sort();
      const hash = digest('sha256', lines.join(''), 'hex');
      if (byHash.has(hash)) return undefined;
      byHash.set(hash, node);
    }
    // §4.4 step 5: canonical identifiers in hash order.
    let n = 0;
    for (const hash of [...byHash.keys()].sort()) canonical.set(byHash.get(hash)!, `c14n${n++}`);
  }
  const label = (b: string) => canonical.get(b)!;
  return rows
    .map((r) => r.line ?? render(r, label))
    .sort()
    .join('');
}
