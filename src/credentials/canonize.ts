import jsonld, { type DocumentLoader } from 'jsonld';
import { canonize as rdfCanonize } from 'rdf-canonize';
import { fastDataset } from './fast-rdf.js';
import { contextLoader } from './loader.js';
import { canonizeQuads } from './rdfc.js';

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document, in JSON-LD safe mode (an
 * undefined term, a relative IRI or a dropped value is an error, never silently
 * left out of what is signed). Every signature we make or check goes through
 * this one function.
 *
 * Over the bundled contexts it takes the fast path (fast-rdf.ts, rdfc.ts),
 * proven byte-identical to jsonld.js + rdf-canonize in
 * test/credentials/fast-canonize.test.ts; any document the fast path declines,
 * or another document loader, goes through the libraries, which also raise
 * every safe-mode error.
 */
export async function canonize(document: unknown, documentLoader: DocumentLoader): Promise<string> {
  if (documentLoader === contextLoader) {
    const dataset = fastDataset(document);
    if (dataset !== undefined) return canonizeQuads(dataset.quads, dataset.distinct);
  }
  return libraryCanonize(document, documentLoader);
}

/** The plain library path: jsonld.js toRDF in safe mode, then rdf-canonize. */
export async function libraryCanonize(document: unknown, documentLoader: DocumentLoader): Promise<string> {
  const dataset = await jsonld.toRDF(document, {
    documentLoader,
    safe: true,
    base: null,
    rdfDirection: 'i18n-datatype',
    produceGeneralizedRdf: false,
  });
  return rdfCanonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}
