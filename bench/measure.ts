/** One benchmark line: ours against the reference, measured alternately in the same process. */
export interface Row {
  name: string;
  note: string;
  oursPerSecond: number;
  referencePerSecond: number;
  /** ours / reference: above 1 means microcred is faster. */
  ratio: number;
  /**
   * The same ratio over process CPU time instead of wall time: what each side
   * costs one core, less sensitive to other processes loading the machine.
   */
  cpuRatio?: number;
}

/** Operations per wall-clock second, and per second of this process's CPU time. */
async function rates(fn: () => Promise<unknown>, ms: number): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let n = 0;
  while (performance.now() - start < ms) {
    await fn();
    n++;
  }
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall: (n * 1000) / wall, cpu: (n * 1e6) / Math.max(1, cpu.user + cpu.system) };
}

async function rate(fn: () => Promise<unknown>, ms: number): Promise<number> {
  return (await rates(fn, ms)).wall;
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
  const aCpu: number[] = [];
  const bCpu: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const x = await rates(ours, (seconds * 1000) / (2 * rounds));
    const y = await rates(reference, (seconds * 1000) / (2 * rounds));
    a.push(x.wall);
    aCpu.push(x.cpu);
    b.push(y.wall);
    bCpu.push(y.cpu);
  }
  const median = (x: number[]) => [...x].sort((p, q) => p - q)[Math.floor(x.length / 2)]!;
  const oursPerSecond = median(a);
  const referencePerSecond = median(b);
  return { name, note, oursPerSecond, referencePerSecond, ratio: oursPerSecond / referencePerSecond, cpuRatio: median(aCpu) / median(bCpu) };
}
