import * as zlib from 'node:zlib';

/**
 * Open Badges 3.0 baking: a signed credential carried inside its badge image.
 *
 * - PNG: one `iTXt` chunk with the keyword `openbadgecredential`, uncompressed,
 *   whose text is the credential JSON or, for VC-JOSE, the compact JWS.
 * - SVG: an `<openbadges:credential>` element right after the `<svg>` start tag
 *   (namespace `https://purl.imsglobal.org/ob/v3p0`), holding the JSON in a
 *   CDATA section, or a compact JWS in its `verify` attribute.
 *
 * Pure byte and text manipulation: no image decoding, no I/O.
 */

export const PNG_KEYWORD = 'openbadgecredential';
export const OB3_SVG_NAMESPACE = 'https://purl.imsglobal.org/ob/v3p0';
/** The Open Badges 2.0 keyword and namespace, recognised only to be refused by name. */
const OB2_KEYWORD = 'openbadges';
const OB2_SVG_NAMESPACE = 'http://openbadges.org';

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(~[A-Za-z0-9_.~-]*)?$/;

export type BakedKind = 'png' | 'svg';

/** What was found in an image: the credential text, or why there is none. */
export type Unbaked = { kind: BakedKind; credential: string } | { kind: BakedKind; error: string };

export class BakingError extends Error {
  override name = 'BakingError';
}

// --- CRC-32 (ISO 3309, as PNG uses it) -----------------------------------------
let table: Uint32Array | undefined;
function ownCrc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = table[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
const zlibCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
export const crc32 = (bytes: Uint8Array): number => (zlibCrc32 ? zlibCrc32(bytes) >>> 0 : ownCrc32(bytes));

// --- PNG ---------------------------------------------------------------------------
interface Chunk {
  type: string;
  data: Uint8Array;
  /** Whether the stored CRC matches the chunk. */
  crcOk: boolean;
}

export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function readChunks(png: Uint8Array): Chunk[] {
  if (!isPng(png)) throw new BakingError('not a PNG image (the PNG signature is missing)');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  let at = 8;
  while (at < png.length) {
    if (at + 12 > png.length) throw new BakingError('the PNG is truncated');
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > png.length) throw new BakingError('the PNG is truncated or damaged (a chunk runs past the end)');
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw new BakingError('the PNG is damaged (an invalid chunk type)');
    const crcOk = crc32(png.subarray(at + 4, at + 8 + length)) === view.getUint32(at + 8 + length);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length), crcOk });
    at = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') throw new BakingError('the PNG is damaged (it does not start with IHDR)');
  if (chunks.at(-1)?.type !== 'IEND') throw new BakingError('the PNG is truncated (no IEND chunk)');
  return chunks;
}

function writeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** The keyword of a tEXt/zTXt/iTXt chunk (Latin-1 up to the first NUL). */
function keywordOf(data: Uint8Array): string {
  const nul = data.indexOf(0);
  return String.fromCharCode(...data.subarray(0, nul < 0 ? Math.min(data.length, 80) : nul));
}

/** iTXt layout: keyword NUL, compression flag, method, language tag NUL, translated keyword NUL, UTF-8 text. */
function itxtText(data: Uint8Array): string {
  const k = data.indexOf(0);
  if (k < 0 || k + 3 > data.length) throw new BakingError('the openbadgecredential iTXt chunk is malformed');
  const compressed = data[k + 1] === 1;
  const lang = data.indexOf(0, k + 3);
  const translated = lang < 0 ? -1 : data.indexOf(0, lang + 1);
  if (translated < 0) throw new BakingError('the openbadgecredential iTXt chunk is malformed');
  let text = data.subarray(translated + 1);
  if (compressed) {
    try {
      text = zlib.inflateSync(text, { maxOutputLength: 16 * 1024 * 1024 });
    } catch {
      throw new BakingError('the openbadgecredential iTXt chunk does not decompress');
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    throw new BakingError('the openbadgecredential iTXt chunk is not UTF-8 text');
  }
}

/**
 * Bakes `credential` (the credential JSON, or a compact JWS) into a PNG. An
 * earlier `openbadgecredential` chunk is replaced, so an image never carries two.
 */
export function bakePng(png: Uint8Array, credential: string): Uint8Array {
  const chunks = readChunks(png);
  const itxt = Buffer.concat([latin1(PNG_KEYWORD), Uint8Array.of(0, 0, 0, 0, 0), new TextEncoder().encode(credential)]);
  const parts: Uint8Array[] = [PNG_SIGNATURE];
  for (const c of chunks) {
    if (c.type === 'iTXt' && keywordOf(c.data) === PNG_KEYWORD) continue;
    parts.push(writeChunk(c.type, c.data));
    // Right after the header, so a reader that stops at the first match finds it early.
    if (c.type === 'IHDR') parts.push(writeChunk('iTXt', itxt));
  }
  return Buffer.concat(parts);
}

function unbakePng(png: Uint8Array): Unbaked {
  let chunks: Chunk[];
  try {
    chunks = readChunks(png);
  } catch (e) {
    return { kind: 'png', error: `no credential baked in this image: ${(e as Error).message}` };
  }
  const baked = chunks.filter((c) => c.type === 'iTXt' && keywordOf(c.data) === PNG_KEYWORD);
  if (baked.length > 1) return { kind: 'png', error: 'this image carries more than one baked credential (openbadgecredential iTXt chunks), which Open Badges 3.0 forbids' };
  const [chunk] = baked;
  if (!chunk) {
    const ob2 = chunks.some((c) => (c.type === 'iTXt' || c.type === 'tEXt') && keywordOf(c.data) === OB2_KEYWORD);
    return {
      kind: 'png',
      error: ob2
        ? 'no credential baked in this image: it carries an Open Badges 2.0 assertion (keyword "openbadges"), an unsupported format'
        : 'no credential baked in this image (no openbadgecredential iTXt chunk)',
    };
  }
  if (!chunk.crcOk) return { kind: 'png', error: 'the baked credential is damaged: its PNG chunk checksum (CRC) does not match' };
  try {
    return { kind: 'png', credential: itxtText(chunk.data) };
  } catch (e) {
    return { kind: 'png', error: `no credential baked in this image: ${(e as Error).message}` };
  }
}

// --- SVG -------------------------------------------------------------------------------
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e.startsWith('#x') ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith('#') ? String.fromCodePoint(parseInt(e.slice(1), 10)) : ENTITIES[e]!,
  );
}

/** The `<svg …>` start tag: where it starts and ends. */
function svgStartTag(svg: string): { start: number; end: number; selfClosing: boolean } | undefined {
  const m = /<svg(?=[\s>/])(?:"[^"]*"|'[^']*'|[^'">])*>/.exec(svg);
  if (!m) return undefined;
  return { start: m.index, end: m.index + m[0].length, selfClosing: m[0].endsWith('/>') };
}

/** The prefixes the document binds to a namespace (`xmlns:p="…"`). */
function prefixesFor(svg: string, namespace: string): string[] {
  const out: string[] = [];
  for (const m of svg.matchAll(/xmlns:([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
    if ((m[3] ?? m[4]) === namespace) out.push(m[1]!);
  }
  return out;
}

const elementPattern = (prefix: string) =>
  new RegExp(`<${prefix}:credential(?=[\\s>/])((?:"[^"]*"|'[^']*'|[^'">])*?)(?:/>|>([\\s\\S]*?)</${prefix}:credential\\s*>)`, 'g');

/**
 * Bakes `credential` into an SVG: a compact JWS goes into the `verify`
 * attribute, JSON into a CDATA section. An earlier credential element is replaced.
 */
export function bakeSvg(svg: string, credential: string): string {
  const tag = svgStartTag(svg);
  if (!tag) throw new BakingError('not an SVG image (no <svg> element)');
  let doc = svg;
  for (const prefix of prefixesFor(doc, OB3_SVG_NAMESPACE)) doc = doc.replace(elementPattern(prefix), '');
  const t = svgStartTag(doc)!;
  let open = doc.slice(t.start, t.end);
  const prefix = prefixesFor(open, OB3_SVG_NAMESPACE)[0] ?? 'openbadges';
  if (!prefixesFor(open, OB3_SVG_NAMESPACE).length) {
    if (/\sxmlns:openbadges\s*=/.test(open)) throw new BakingError('the SVG binds the openbadges prefix to another namespace');
    open = open.replace(/^<svg/, `<svg xmlns:${prefix}="${OB3_SVG_NAMESPACE}"`);
  }
  const text = credential.trim();
  const element = COMPACT_JWS.test(text)
    ? `<${prefix}:credential verify="${escapeAttr(text)}"/>`
    : `<${prefix}:credential><![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]></${prefix}:credential>`;
  if (t.selfClosing) return `${doc.slice(0, t.start)}${open.replace(/\s*\/>$/, '>')}${element}</svg>${doc.slice(t.end)}`;
  return `${doc.slice(0, t.start)}${open}${element}${doc.slice(t.end)}`;
}

function unbakeSvg(svg: string): Unbaked {
  if (!svgStartTag(svg)) return { kind: 'svg', error: 'no credential baked in this image: it is not an SVG image' };
  const found: string[] = [];
  for (const prefix of prefixesFor(svg, OB3_SVG_NAMESPACE)) {
    for (const m of svg.matchAll(elementPattern(prefix))) {
      const attrs = m[1] ?? '';
      const verifyAttr = /\sverify\s*=\s*("([^"]*)"|'([^']*)')/.exec(attrs);
      if (verifyAttr) {
        found.push(unescapeXml(verifyAttr[2] ?? verifyAttr[3] ?? ''));
        continue;
      }
      // Content: CDATA sections kept verbatim, other text unescaped.
      const content = (m[2] ?? '').replace(/<!\[CDATA\[([\s\S]*?)]]>|([^<]+)/g, (_, cdata?: string, text?: string) => cdata ?? unescapeXml(text ?? ''));
      found.push(content);
    }
  }
  if (found.length > 1) return { kind: 'svg', error: 'this image carries more than one baked credential (openbadges:credential elements), which Open Badges 3.0 forbids' };
  if (found.length === 1 && found[0]!.trim()) return { kind: 'svg', credential: found[0]!.trim() };
  if (found.length === 1) return { kind: 'svg', error: 'no credential baked in this image: the openbadges:credential element is empty' };
  const ob2 = prefixesFor(svg, OB2_SVG_NAMESPACE).length > 0;
  return {
    kind: 'svg',
    error: ob2
      ? 'no credential baked in this image: it carries an Open Badges 2.0 assertion (namespace http://openbadges.org), an unsupported format'
      : `no credential baked in this image (no openbadges:credential element in the ${OB3_SVG_NAMESPACE} namespace)`,
  };
}

/** Whether text looks like an SVG/XML document rather than JSON or a JWT. */
export function looksLikeSvg(text: string): boolean {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  return t.startsWith('<') && /<svg[\s>]/.test(t);
}

/**
 * Extracts the baked credential from a PNG (bytes) or an SVG (bytes or text).
 * Returns undefined when the input is neither, so the caller can treat it as
 * plain JSON/JWT.
 */
export function unbake(image: Uint8Array | string): Unbaked | undefined {
  if (typeof image !== 'string') {
    if (isPng(image)) return unbakePng(image);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(image);
    } catch {
      return undefined;
    }
    return looksLikeSvg(text) ? unbakeSvg(text) : undefined;
  }
  return looksLikeSvg(image) ? unbakeSvg(image.replace(/^\uFEFF/, '')) : undefined;
}
