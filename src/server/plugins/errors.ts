import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, type FieldError } from '../../core/errors.js';
import { problem } from '../problem.js';

/** Fastify's own error codes that are the client's doing, mapped to ours. */
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_request',
  FST_ERR_VALIDATION: 'invalid_request',
};

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: ErrorCode,
  extra: { detail?: string; errors?: FieldError[] } = {},
  baseUrl: string,
) {
  const body = problem(baseUrl, code, { ...extra, instance: request.url.split('?')[0], requestId: String(request.id) });
  return reply.status(body.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** Turns every error into RFC 9457 problem+json; only unexpected ones are logged as errors, never with request bodies. */
export function registerErrorHandling(app: FastifyInstance, baseUrl: string) {
  app.setErrorHandler((err: FastifyError | AppError | Error, request, reply) => {
    if (err instanceof AppError) {
      return sendProblem(request, reply, err.code, { detail: err.detail, errors: err.errors }, baseUrl);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = (err as FastifyError).validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'Invalid value.',
      }));
      return sendProblem(request, reply, 'invalid_request', { detail: `The ${where} does not match the expected shape.`, errors }, baseUrl);
    }
    const fe = err as FastifyError;
    const code = (fe.code && FASTIFY_CODES[fe.code]) || (fe.statusCode && fe.statusCode < 500 ? BY_STATUS[fe.statusCode] : undefined);
    if (code) {
      const detail = code === 'malformed_json' ? 'The body could not be parsed as JSON.' : undefined;
      return sendProblem(request, reply, code, { detail }, baseUrl);
    }
    request.log.error({ err }, 'unhandled error');
    return sendProblem(request, reply, 'internal_error', {}, baseUrl);
  });
}
