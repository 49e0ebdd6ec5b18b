import jsonld, { type DocumentLoader } from 'jsonld';
import { canonize as rdfCanonize } from 'rdf-canonize';

/**
 * RDFC-1.0 canonical N-Quads of a JSON-LD document, in JSON-LD safe mode (an
 * undefined term, a relative IRI or a dropped value is an error, never silently
 * left out of what is signed). Every signature we make or check goes through
 * this one function, so a faster canonicaliser can replace it once it is proven
 * byte-identical.
 */
export async function canonize(document: unknown, documentLoader: DocumentLoader): Promise<string> {
  const dataset = await jsonld.toRDF(document, {
    documentLoader,
    safe: true,
    base: null,
    rdfDirection: 'i18n-datatype',
    produceGeneralizedRdf: false,
  });
  return rdfCanonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads' });
}
