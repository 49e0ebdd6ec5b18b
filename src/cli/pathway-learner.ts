import type { Command } from 'commander';
import { learnerPathway, type LearnerPlan } from '../pathways/index.js';
import { findLearner, numberOption, withDb } from './context.js';
import { UsageError } from './output.js';

const money = (n: number, currency: string | null) => `${Math.round(n * 100) / 100}${currency ? ` ${currency}` : ''}`;

function printLearnerPlan(p: LearnerPlan): void {
  const { target, gap, plan } = p;
  const out = [
    `Target: ${target.label} (${target.uri})`,
    `Skill alignment now: ${gap.score}/100 — ${gap.covered.length} covered, ${gap.partial.length} partly covered, ${gap.missing.length} missing`,
  ];
  for (const s of gap.partial) out.push(`  ~ ${s.label}${s.via && s.via.relation !== 'same' ? ` (via ${s.via.relation} skill ${s.via.label})` : ` (${s.via?.kind === 'self' ? 'self-declared' : s.via?.kind === 'cv' ? 'from your CV' : s.via?.kind})`}`);
  for (const s of gap.missing) out.push(`  - ${s.label}${s.relation === 'essential' ? ' (essential)' : ''}`);
  if (p.steps.length === 0) out.push('No micro-credential in the catalogue closes any of this gap within your constraints.');
  else {
    const currencies = new Set(p.steps.map((s) => s.currency).filter(Boolean));
    out.push(`Pathway: ${p.steps.length} micro-credential${p.steps.length === 1 ? '' : 's'}, ${money(p.totals.price, currencies.size === 1 ? [...currencies][0]! : null)}, ${Math.round(p.totals.hours)} h${p.totals.optimal ? ' (optimal)' : ` (not proven optimal, gap ${(plan.gap * 100).toFixed(2)} %)`}${p.programme ? `, completing ${p.programme.title}` : ''}`);
    p.steps.forEach((s, i) => out.push(`  ${i + 1}. ${s.text} ${money(s.price, s.currency)}, ${Math.round(s.hours)} h.`));
  }
  if (plan.uncoveredReasons.length) {
    out.push('Still uncovered:');
    for (const r of plan.uncoveredReasons) out.push(`  ${r.label ?? r.uri}: ${r.reason}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

function dateOption(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new UsageError(`--deadline takes a date such as 2027-06-30, not "${value}"`);
  return new Date(`${value}T23:59:59Z`);
}

/** `microcred pathway --learner ID --target URI`: the learner's gap and the plan that closes it. */
export function registerLearnerPathway(pathway: Command): void {
  pathway
    .option('--learner <id-or-email>', "plan for this learner (their verified and claimed skills)")
    .option('--target <occupation>', 'target occupation: URI or ESCO id')
    .option('--budget <amount>', 'most money to spend')
    .option('--max-hours <hours>', 'most hours of learning')
    .option('--money-weight <w>', 'cost weight of one currency unit (default 1)')
    .option('--hours-weight <w>', 'cost weight of one hour (default 0)')
    .option('--hours-per-week <h>', 'hours a week you can give (with --deadline)')
    .option('--deadline <date>', 'be done by this date, YYYY-MM-DD (with --hours-per-week)')
    .option('--online-only', 'only online micro-credentials')
    .option('--programme <id>', 'also complete this published programme')
    .option('--json', 'print JSON')
    .action(async (opts: { learner?: string; target?: string; budget?: string; maxHours?: string; hoursPerWeek?: string; deadline?: string; moneyWeight?: string; hoursWeight?: string; onlineOnly?: boolean; programme?: string; json?: boolean }) => {
      if (!opts.learner || !opts.target) throw new UsageError('give --learner and --target (or use `microcred pathway solve FILE`)');
      if (opts.programme && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(opts.programme)) throw new UsageError('--programme takes a programme id (see `microcred programmes list`)');
      const prefs = {
        budget: numberOption('budget', opts.budget),
        maxHours: numberOption('max-hours', opts.maxHours),
        hoursPerWeek: numberOption('hours-per-week', opts.hoursPerWeek),
        deadline: opts.deadline ? dateOption(opts.deadline) : undefined,
        weights: { money: numberOption('money-weight', opts.moneyWeight) ?? 1, hours: numberOption('hours-weight', opts.hoursWeight) ?? 0 },
        onlineOnly: !!opts.onlineOnly,
        programmeId: opts.programme,
      };
      await withDb(async (db) => {
        const learner = await findLearner(db, opts.learner!);
        const p = await learnerPathway(db, learner, opts.target!, prefs, new Date());
        if (!opts.json) return printLearnerPlan(p);
        const { target, gap, plan } = p;
        const skill = (s: (typeof gap.covered)[number]) => ({ uri: s.uri, label: s.label, weight: s.weight, relation: s.relation, coverage: s.coverage, via: s.via });
        process.stdout.write(
          `${JSON.stringify(
            {
              target: { uri: target.uri, label: target.label },
              score: gap.score,
              covered: gap.covered.map(skill),
              partial: gap.partial.map(skill),
              missing: gap.missing.map(skill),
              plan: {
                achievements: p.steps.map((s) => s.achievement.id),
                programme: p.programme ?? null,
                steps: p.steps.map((s) => ({ id: s.achievement.id, name: s.achievement.definition.name, provider: s.achievement.provider.name, price: s.price, currency: s.currency, hours: s.hours, covers: s.covers.map((c) => c.uri), explanation: s.text })),
                cost: p.totals.cost,
                price: p.totals.price,
                hours: p.totals.hours,
                covered: plan.covered,
                uncovered: plan.uncoveredReasons,
                optimal: p.totals.optimal,
                gap: plan.gap,
              },
            },
            null,
            2,
          )}\n`,
        );
      });
    });
}
