import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { planPathway, type PathwayPlan } from '../pathways/index.js';
import { UsageError } from './output.js';
import { registerLearnerPathway } from './pathway-learner.js';

async function readInput(file: string): Promise<string> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
}

const num = (x: number) => String(Math.round(x * 100) / 100);

function printPlan(plan: PathwayPlan): void {
  const out: string[] = [];
  const label = (uri: string) => plan.uncoveredReasons.find((r) => r.uri === uri)?.label ?? uri;
  out.push(
    `${plan.achievements.length === 0 ? 'No achievements to take' : `${plan.achievements.length} achievement${plan.achievements.length === 1 ? '' : 's'}`}: cost ${num(plan.cost)} (price ${num(plan.price)}, ${num(plan.hours)} h); ` +
      `covers ${plan.covered.length} of ${plan.covered.length + plan.uncovered.length} gap skills (weight ${num(plan.coveredWeight)} of ${num(plan.totalWeight)}); ` +
      (plan.optimal ? 'optimal' : `not proven optimal (gap ${(plan.gap * 100).toFixed(2)} %, ${plan.method})`),
  );
  for (const s of plan.steps) out.push(`  ${s.text}`);
  if (plan.uncoveredReasons.length) {
    out.push('Not covered:');
    for (const r of plan.uncoveredReasons) out.push(`  ${label(r.uri)}: ${r.reason}`);
  }
  if (plan.alternatives.length) {
    out.push('Alternatives:');
    plan.alternatives.forEach((a, i) => out.push(`  ${i + 1}. ${a.achievements.join(' → ') || '(nothing)'} — cost ${num(a.cost)}, weight ${num(a.coveredWeight)} of ${num(a.totalWeight)}`));
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

/** `microcred pathway solve FILE [--json]`: the planner's solver contract (issue #7). */
export function registerPathwayCommands(program: Command): void {
  const pathway = program.command('pathway').description('Plan the cheapest sequence of micro-credentials that closes a skills gap.');
  registerLearnerPathway(pathway);

  pathway
    .command('solve')
    .description('Solve a planning problem given as JSON: {gap, achievements, weights, constraints, held?}. Exit 0 with a plan, 2 on invalid input.')
    .argument('<file>', 'the problem as JSON; - reads standard input')
    .option('--json', 'print the plan as JSON')
    .addOption(new Option('--time-limit <ms>', 'time budget in milliseconds').default('10000'))
    .addOption(new Option('--alternatives <n>', 'alternative plans to return (0-2)').default('2'))
    .action(async (file: string, opts: { json?: boolean; timeLimit: string; alternatives: string }, cmd: Command) => {
      // `pathway` itself takes --json (the learner form), and commander gives it to the parent.
      const json = opts.json || (cmd.parent?.opts() as { json?: boolean } | undefined)?.json;
      const timeLimitMs = Number(opts.timeLimit);
      const alternatives = Number(opts.alternatives);
      if (!Number.isFinite(timeLimitMs) || timeLimitMs <= 0) throw new UsageError('--time-limit takes a positive number of milliseconds');
      if (!Number.isInteger(alternatives) || alternatives < 0 || alternatives > 2) throw new UsageError('--alternatives takes 0, 1 or 2');
      const text = await readInput(file);
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (e) {
        throw new UsageError(`${file === '-' ? 'standard input' : file} is not valid JSON: ${(e as Error).message}`);
      }
      const plan = await planPathway(input, { timeLimitMs, alternatives });
      if (json) {
        process.stdout.write(`${JSON.stringify(plan, null, 2)}\n`);
        return;
      }
      printPlan(plan);
    });
}
