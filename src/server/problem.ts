import { z } from 'zod';
import { ERRORS, type ErrorCode, type FieldError } from '../core/errors.js';

/** RFC 9457 problem details, as every API error is sent. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('URI of the problem type; dereferences to its documentation.'),
    title: z.string(),
    status: z.number().int(),
    code: z.enum(Object.keys(ERRORS) as [ErrorCode, ...ErrorCode[]]).describe('Stable machine-readable code.'),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;

export function problem(
  baseUrl: string,
  code: ErrorCode,
  extra: { detail?: string; errors?: FieldError[]; instance?: string; requestId?: string } = {},
): Problem {
  const { status, title } = ERRORS[code];
  return {
    type: `${baseUrl}/api/problems/${code}`,
    title,
    status,
    code,
    ...(extra.detail && extra.detail !== title ? { detail: extra.detail } : {}),
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
    ...(extra.errors?.length ? { errors: extra.errors } : {}),
  };
}

/** OpenAPI response entries for the problems a route can answer with. */
export function problemResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, ProblemSchema])) as Record<number, typeof ProblemSchema>;
}
