import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { AppError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import type { AppContext } from './context.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerWeb } from './plugins/web.js';
import { createServices } from './services.js';
import { achievementRoutes } from './routes/achievements.js';
import { authRoutes } from './routes/auth.js';
import { credentialRoutes } from './routes/credentials.js';
import { ledgerRoutes } from './routes/ledger.js';
import { skillsRoutes } from './routes/skills.js';
import { orgRoutes } from './routes/orgs.js';
import { programmeRoutes } from './routes/programmes.js';
import { systemRoutes } from './routes/system.js';
import { walletRoutes } from './routes/wallet.js';
import { pathwayRoutes } from './routes/pathways.js';
import { roleRoutes } from './routes/roles.js';

/** Log redaction: credentials never reach the logs, whatever a future serializer adds. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.secret',
  '*.token',
];

/** Builds the whole HTTP app without listening, so tests can `inject()` into it. */
export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      ctx.config.logLevel === 'silent'
        ? false
        : { level: ctx.config.logLevel, redact: REDACT, ...(ctx.logStream ? { stream: ctx.logStream } : {}) },
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: true,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  registerErrorHandling(app, ctx.config.publicUrl);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine sets inline style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Credentials and DID documents are fetched cross-origin by verifiers.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    hsts: ctx.config.publicUrl.startsWith('https://') ? undefined : false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, c) => new AppError('rate_limited', `Try again in ${Math.ceil(c.ttl / 1000)} s.`),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'microcred API',
        version: VERSION,
        description:
          'Verifiable micro-credentials. Errors are RFC 9457 problem+json with a stable `code` (see /api/problems/{code}). ' +
          'Browser calls use the `mc_session` cookie plus the `x-csrf-token` header on unsafe methods; integrations use `Authorization: Bearer mck_…` API keys.',
      },
      servers: [{ url: ctx.config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'mc_session' },
          apiKey: { type: 'http', scheme: 'bearer', description: 'An organisation API key (mck_…).' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Swagger UI styles elements inline; everything else stays as strict as the app's policy.
    transformStaticCSP: () =>
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.decorate('services', createServices(ctx));
  // A programme award that fails after a credential was issued must not go unnoticed.
  app.services.issuance.onAfterIssueError = (err, credential) => app.log.error({ err, credentialId: credential.id }, 'awarding programmes after issuance failed');
  app.addHook('onClose', async () => app.services.jobs.stop());

  registerAuth(app, ctx);
  systemRoutes(app, ctx);
  authRoutes(app, ctx);
  orgRoutes(app, ctx);
  achievementRoutes(app, ctx);
  credentialRoutes(app, ctx);
  ledgerRoutes(app, ctx);
  skillsRoutes(app, ctx);
  programmeRoutes(app, ctx);
  walletRoutes(app, ctx);
  pathwayRoutes(app, ctx);
  roleRoutes(app, ctx);
  await registerWeb(app, ctx);
  return app;
}
