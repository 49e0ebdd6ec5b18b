import { randomBytes } from 'node:crypto';
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../core/config.js';
import { VERSION } from '../core/version.js';
import { connectFromConfig, type Database, ORG_KINDS, ROLES } from '../db/index.js';
import { seedDemo } from '../demo/index.js';
import { createOrganisation, createUser, findUserByEmail, getOrganisationBySlug, setMember, updateProfile } from '../identity/index.js';
import { EXIT, reportError, UsageError } from './output.js';
import { registerIssueCommands } from './issue.js';
import { registerLedgerCommands } from './ledger.js';
import { registerPathwayCommands } from './pathway.js';
import { registerProgrammeCommands } from './programmes.js';
import { registerSkillsCommands } from './skills.js';
import { registerVerifyCommands } from './verify.js';
import { registerWitnessCommands } from './witness.js';

async function withDatabase<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const database = await connectFromConfig(loadConfig());
  try {
    await database.migrate();
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function buildCli(): Command {
  const program = new Command('microcred')
    .description('Verifiable micro-credentials: issue, verify and stack Open Badges 3.0.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  program
    .command('serve')
    .description('Start the platform (web app, API, public endpoints). Reads PORT, HOST, DATABASE_URL, MICROCRED_DATA, MICROCRED_DEMO.')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('--host <host>', 'interface to listen on (overrides HOST)')
    .action(async (opts: { port?: string; host?: string }) => {
      const env = { ...process.env, ...(opts.port ? { PORT: opts.port } : {}), ...(opts.host ? { HOST: opts.host } : {}) };
      // Loaded here so other commands do not pay for the whole web server.
      const { serve } = await import('./serve.js');
      const server = await serve(loadConfig(env));
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
    });

  program
    .command('migrate')
    .description('Apply the database migrations (also done by serve).')
    .action(async () => {
      await withDatabase(async (d) => process.stdout.write(`migrations applied (${d.kind}: ${d.location})\n`));
    });

  program
    .command('seed')
    .description('Add data to the database.')
    .requiredOption('--demo', 'seed the demo world (organisations, staff and 30 learners)')
    .action(async () => {
      await withDatabase(async (d) => {
        const s = await seedDemo(d.db);
        process.stdout.write(s.created ? `demo world created; password for every account: ${s.password}\n` : 'the demo world is already there; nothing changed\n');
      });
    });

  const user = program.command('user').description('Manage user accounts.');
  user
    .command('create')
    .description('Create a user; prints a generated password unless one is given.')
    .requiredOption('--email <email>', 'sign-in email')
    .requiredOption('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input (never pass it as an argument)')
    .option('--learner', 'make it a learner account')
    .option('--org <slug>', 'add the user to this organisation')
    .addOption(new Option('--role <role>', 'role in --org').choices(ROLES).default('staff'))
    .option('--headline <text>', 'profile headline')
    .action(async (opts: { email: string; name: string; passwordStdin?: boolean; learner?: boolean; org?: string; role: 'admin' | 'staff'; headline?: string }) => {
      const generated = !opts.passwordStdin;
      const password = opts.passwordStdin ? await readStdin() : randomBytes(12).toString('base64url');
      await withDatabase(async ({ db }) => {
        const created = await db.transaction(async (tx) => {
          const u = await createUser(tx, { email: opts.email, name: opts.name, password, isLearner: !!opts.learner });
          if (opts.headline) await updateProfile(tx, u.id, { headline: opts.headline });
          if (opts.org) await setMember(tx, (await getOrganisationBySlug(tx, opts.org)).id, u.id, opts.role);
          return u;
        });
        process.stdout.write(`created user ${created.email} (${created.id})${opts.org ? `, ${opts.role} of ${opts.org}` : ''}\n`);
        if (generated) process.stdout.write(`password: ${password}\n`);
      });
    });

  const org = program.command('org').description('Manage organisations.');
  org
    .command('create')
    .description('Create an organisation (provider, employer, qa_body or platform).')
    .requiredOption('--name <name>', 'organisation name')
    .addOption(new Option('--kind <kind>', 'kind of organisation').choices(ORG_KINDS).makeOptionMandatory())
    .option('--slug <slug>', 'URL name (derived from --name when absent)')
    .option('--country <code>', 'ISO 3166-1 alpha-2 country code')
    .option('--admin <email>', 'existing user to make its first admin')
    .action(async (opts: { name: string; kind: (typeof ORG_KINDS)[number]; slug?: string; country?: string; admin?: string }) => {
      if (opts.slug && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(opts.slug)) throw new UsageError('--slug takes lower-case letters, digits and dashes');
      if (opts.country && !/^[A-Z]{2}$/.test(opts.country)) throw new UsageError('--country takes an ISO 3166-1 alpha-2 code such as FR');
      await withDatabase(async ({ db }) => {
        const created = await db.transaction(async (tx) => {
          const o = await createOrganisation(tx, { name: opts.name, kind: opts.kind, slug: opts.slug, country: opts.country });
          if (opts.admin) {
            const admin = await findUserByEmail(tx, opts.admin);
            if (!admin) throw new UsageError(`no user with email ${opts.admin}; create it with \`microcred user create\``);
            await setMember(tx, o.id, admin.id, 'admin');
          }
          return o;
        });
        process.stdout.write(`created ${created.kind} ${created.name} (slug ${created.slug}, id ${created.id})\n`);
      });
    });

  registerIssueCommands(program);
  registerLedgerCommands(program);
  registerPathwayCommands(program);
  registerWitnessCommands(program);
  registerProgrammeCommands(program);
  registerSkillsCommands(program);
  registerVerifyCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    // A command that answered "no" (e.g. not verified) sets the exit code itself.
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander already printed help or the usage problem.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return reportError(e);
  }
}
