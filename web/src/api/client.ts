import type { Problem } from './types';

/** An API call that failed: the problem's stable `code` drives what the user is told. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string | undefined;
  readonly fieldErrors: { path: string; message: string }[];

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    // Codes the client invents itself: `network` (no answer) and `unknown` (no problem document).
    this.code = problem.code ?? (status === 0 ? 'network' : 'unknown');
    this.title = problem.title;
    this.fieldErrors = problem.errors ?? [];
  }
}

// The CSRF token of the current session; sent on every unsafe request.
let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when the server says the session is gone, so the app can return to sign-in. */
export function setUnauthenticatedHandler(handler: (() => void) | null) {
  onUnauthenticated = handler;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A body sent as is, with its own content type (a JWT or a pasted badge image as text/plain). */
export class RawBody {
  constructor(
    readonly text: string,
    readonly type = 'text/plain; charset=utf-8',
  ) {}
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = body instanceof RawBody ? body.type : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : body instanceof RawBody ? body.text : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, {});
  }

  if (res.status === 204) return undefined as T;
  const isJson = /\bjson\b/.test(res.headers.get('content-type') ?? '');
  const data: unknown = isJson ? await res.json().catch(() => undefined) : undefined;
  if (res.ok) return data as T;

  const error = new ApiError(res.status, (data ?? {}) as Problem);
  // Sign-in answers 401 too (wrong password): that is not a lost session.
  if (error.code === 'unauthenticated' && path !== '/api/me') onUnauthenticated?.();
  throw error;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};
