/**
 * RDFC-1.0 (W3C RDF Dataset Canonicalization, 2024) for the datasets our
 * credentials produce, written from the Recommendation: canonical N-Quads
 * serialisation (§4.? and RDF 1.2 N-Quads canonical form), the first-degree
 * hash of each blank node (§4.6), and the issuing of canonical identifiers in
 * hash order when every first-degree hash is unique (§4.4 step 5).
 *
 * When two blank nodes share a first-degree hash the Hash N-Degree Quads
 * algorithm (§4.8) is needed; we do not implement it and hand the dataset to
 * `rdf-canonize` instead, which runs the full algorithm on the same quads.
 */
import { createHash } from 'node:crypto';
import { canonize as rdfCanonize } from 'rdf-canonize';
import { RDF_LANGSTRING, XSD_STRING, type Quad, type Term } from './fast-rdf.js';

// RDF 1.2 canonical N-Quads: \b \t \n \f \r \" \\ as ECHAR, every other control character as \uXXXX.
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

/** A term in N-Quads; blank nodes through `label` (IRIs from the fast path never need escaping). */
function term(t: Term, label: (b: string) => string): string {
  if (t.kind === 'iri') return `<${t.value}>`;
  if (t.kind === 'bnode') return `_:${label(t.value)}`;
  return literal(t);
}

function line(q: Quad, label: (b: string) => string): string {
  const g = q.g === null ? '' : ` ${term(q.g, label)}`;
  return `${term(q.s, label)} <${q.p}> ${term(q.o, label)}${g} .\n`;
}

const same = (b: string) => b;

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

/** Drops repeated quads: an RDF dataset is a set. */
function unique(quads: Quad[]): Quad[] {
  const seen = new Set<string>();
  return quads.filter((q) => {
    const key = line(q, same);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Canonical N-Quads of a dataset: our own RDFC-1.0 when first-degree hashes decide, else `rdf-canonize`. */
export async function canonizeQuads(quads: Quad[]): Promise<string> {
  const dataset = unique(quads);
  return canonizeFirstDegree(dataset) ?? rdfCanonize(toRdfJs(dataset), { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}

/**
 * RDFC-1.0 §4.4 with every blank node labelled from its first-degree hash;
 * undefined when two blank nodes share a hash (n-degree hashing needed).
 */
export function canonizeFirstDegree(dataset: Quad[]): string | undefined {
  // §4.4 step 2: the quads each blank node appears in.
  const mentions = new Map<string, Quad[]>();
  const note = (t: Term | null, q: Quad) => {
    if (t?.kind !== 'bnode') return;
    const list = mentions.get(t.value);
    if (list === undefined) mentions.set(t.value, [q]);
    else if (list[list.length - 1] !== q) list.push(q);
  };
  for (const q of dataset) {
    note(q.s, q);
    note(q.o, q);
    note(q.g, q);
  }
  const canonical = new Map<string, string>();
  if (mentions.size > 0) {
    // §4.6: serialise each quad with the reference blank node as _:a and every other one as _:z, sort, hash.
    const byHash = new Map<string, string>();
    for (const [node, list] of mentions) {
      const lines = list.map((q) => line(q, (b) => (b === node ? 'a' : 'z'))).sort();
      const hash = createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
      if (byHash.has(hash)) return undefined;
      byHash.set(hash, node);
    }
    // §4.4 step 5: canonical identifiers in hash order.
    let n = 0;
    for (const hash of [...byHash.keys()].sort()) canonical.set(byHash.get(hash)!, `c14n${n++}`);
  }
  const label = (b: string) => canonical.get(b)!;
  return dataset
    .map((q) => line(q, label))
    .sort()
    .join('');
}
