import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import {
  authenticate,
  authorize,
  createSession,
  deleteSession,
  getUser,
  listMembershipsOf,
  MIN_PASSWORD_LENGTH,
  signUp,
  updateProfile,
  type LearnerRef,
} from '../../identity/index.js';
import type { DbOrTx } from '../../db/index.js';
import type { AppContext } from '../context.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from '../plugins/auth.js';
import { MeSchema, presentUser, UserSchema } from '../presenters.js';
import { problemResponses } from '../problem.js';

const Email = z.email({ pattern: z.regexes.unicodeEmail }).max(254);
const Password = z.string().min(1).max(1024);

const SignUpBody = z.object({
  email: Email,
  password: z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters.`).max(1024),
  name: z.string().trim().min(1).max(200),
  account: z.enum(['learner', 'provider', 'employer']).default('learner'),
  organisationName: z.string().trim().min(1).max(200).optional(),
});

const SignInBody = z.object({ email: Email, password: Password });

const ProfileBody = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  headline: z.string().max(300).nullable().optional(),
  locale: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A BCP 47 language tag, e.g. en or pt-BR.')
    .nullable()
    .optional(),
});

export function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx.database;
  const rateLimit = { max: ctx.config.authRateLimit, timeWindow: '1 minute' };

  async function me(userId: string, csrfToken: string) {
    const user = await getUser(db, userId);
    const memberships = await listMembershipsOf(db, userId);
    return { user: presentUser(user, memberships), learner: user.isLearner, memberships, csrfToken };
  }

  async function startSession(userId: string, reply: Parameters<typeof setSessionCookie>[0]) {
    const s = await createSession(db, userId, ctx.config.sessionTtlMs, ctx.clock);
    setSessionCookie(reply, ctx, s.token, s.expiresAt);
    return me(userId, s.csrfToken);
  }

  r.post(
    '/api/auth/sign-up',
    {
      config: { csrfExempt: true, rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Create a learner account, or an organisation with its first admin, and sign in',
        body: SignUpBody,
        response: { 201: MeSchema, ...problemResponses(400, 409, 429) },
      },
    },
    async (request, reply) => {
      const user = await signUp(db, request.body);
      reply.status(201);
      return startSession(user.id, reply);
    },
  );

  r.post(
    '/api/auth/sign-in',
    {
      config: { csrfExempt: true, rateLimit },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with email and password; sets the HttpOnly session cookie',
        body: SignInBody,
        response: { 200: MeSchema, ...problemResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const user = await authenticate(db, request.body.email, request.body.password);
      return startSession(user.id, reply);
    },
  );

  r.post(
    '/api/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null(), ...problemResponses(403) } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(db, token);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user, their memberships and CSRF token', response: { 200: MeSchema, ...problemResponses(401) } } },
    async (request) => {
      const userId = requireUser(request);
      return me(userId, request.csrfToken!);
    },
  );

  r.patch(
    '/api/learner/profile',
    {
      schema: {
        tags: ['learners'],
        summary: "Change the signed-in learner's profile",
        body: ProfileBody,
        response: { 200: UserSchema, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) => {
      authorize(request.actor, { do: 'learner.profile' });
      const userId = requireUser(request);
      const user = await updateProfile(db, userId, request.body);
      return presentUser(user, await listMembershipsOf(db, userId));
    },
  );
}

/** The user id of a session caller; API keys act for organisations, not people. */
export function requireUser(request: FastifyRequest): string {
  const a = request.actor;
  if (a.type === 'anonymous') throw new AppError('unauthenticated');
  if (a.type !== 'user') throw new AppError('forbidden', 'This endpoint is for signed-in people, not API keys.');
  return a.userId;
}

/** The signed-in learner (a session caller allowed `learner.profile`), with the email credentials are issued to. */
export async function requireLearner(request: FastifyRequest, db: DbOrTx): Promise<LearnerRef> {
  authorize(request.actor, { do: 'learner.profile' });
  const user = await getUser(db, requireUser(request));
  return { id: user.id, email: user.email.toLowerCase() };
}
