/** One benchmark line: ours against the reference, measured alternately in the same process. */
export interface Row {
  name: string;
  note: string;
  oursPerSecond: number;
  referencePerSecond: number;
  /** ours / reference: above 1 means microcred is faster. */
  ratio: number;
}

async function rate(fn: () => Promise<unknown>, ms: number): Promise<number> {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    await fn();
    n++;
  }
  return (n * 1000) / (performance.now() - start);
}

/**
 * Alternates short rounds of each side so machine noise hits both alike,
 * after a warm-up, and reports the median round of each.
 */
export async function measure(name: string, note: string, ours: () => Promise<unknown>, reference: () => Promise<unknown>, seconds: number): Promise<Row> {
  await rate(ours, 300);
  await rate(reference, 300);
  const rounds = 5;
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(await rate(ours, (seconds * 1000) / (2 * rounds)));
    b.push(await rate(reference, (seconds * 1000) / (2 * rounds)));
  }
  const median = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
  const oursPerSecond = median(a);
  const referencePerSecond = median(b);
  return { name, note, oursPerSecond, referencePerSecond, ratio: oursPerSecond / referencePerSecond };
}
