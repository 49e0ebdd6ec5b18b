import { CompactRange, type NodeReader } from '../../src/ledger/index.js';

/** An in-memory node store filled through the production append path (CompactRange). */
export function memoryTree(entries: readonly Uint8Array[]): { read: NodeReader; reads: { count: number }; size: number } {
  const nodes = new Map<string, Uint8Array>();
  const range = CompactRange.of(0, []);
  for (const e of entries) for (const n of range.append(e)) nodes.set(`${n.level}/${n.index}`, n.hash);
  const reads = { count: 0 };
  const read: NodeReader = async (ids) =>
    ids.map((id) => {
      reads.count++;
      const h = nodes.get(`${id.level}/${id.index}`);
      if (!h) throw new Error(`missing node ${id.level}/${id.index}`);
      return h;
    });
  return { read, reads, size: entries.length };
}

/** The eight RFC 6962 test inputs used by every CT implementation's test suite. */
export const RFC6962_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (h) => new Uint8Array(Buffer.from(h, 'hex')),
);

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
export const unhex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

/** Entries 0..n-1 as distinct small byte strings. */
export function numberedEntries(n: number): Uint8Array[] {
  return Array.from({ length: n }, (_, i) => new TextEncoder().encode(`entry ${i}`));
}
