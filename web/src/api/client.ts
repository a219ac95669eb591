import createClient from 'openapi-fetch';
import type { paths } from './schema';

/** The typed API client; its types are generated from the server's OpenAPI document. */
export const api = createClient<paths>({ baseUrl: '/', credentials: 'same-origin' });

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

/** Field path → message, for showing server validation next to the form field it belongs to. */
export function fieldErrors(problem: Problem | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) out[e.path] ??= e.message;
  return out;
}

export function isProblem(x: unknown): x is Problem {
  return typeof x === 'object' && x !== null && 'status' in x && 'detail' in x;
}
