import createClient from 'openapi-fetch';
import { describe, expect, it } from 'vitest';
import { fieldErrors, isProblem } from './client';
import type { paths } from './schema';

const PROBLEM = {
  type: '/problems/validation',
  title: 'Ungültige Eingabe',
  status: 400,
  detail: 'Ungültige Eingabe (body): name',
  instance: '/api/v1/companies',
  errors: [{ path: 'name', message: 'enthält ein unzulässiges Steuerzeichen (NUL)' }],
};

/** A client whose fetch answers as the server does: errors as application/problem+json. */
function clientAnswering(status: number, body: unknown, contentType: string) {
  return createClient<paths>({
    baseUrl: 'http://localhost',
    fetch: async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } }),
  });
}

describe('typed API client', () => {
  it('reads an application/problem+json error answer as the typed problem', async () => {
    const client = clientAnswering(400, PROBLEM, 'application/problem+json');
    const { data, error } = await client.POST('/api/v1/companies', {
      body: {
        name: 'X',
        legalForm: 'GmbH',
        street: 'Hauptstraße 1',
        postalCode: '80331',
        city: 'München',
        industryCode: '28.41',
        foundedOn: '2012-03-15',
        employees: 3,
        annualRevenue: '100000.00',
      },
    });
    expect(data).toBeUndefined();
    // Typed from the OpenAPI document's problem+json responses (a missing media type would make these `never`).
    const detail: string | undefined = error?.detail;
    const paths: string[] | undefined = error?.errors?.map((e) => e.path);
    expect(detail).toBe(PROBLEM.detail);
    expect(paths).toEqual(['name']);
    expect(isProblem(error)).toBe(true);
    expect(fieldErrors(error)).toEqual({ name: 'enthält ein unzulässiges Steuerzeichen (NUL)' });
  });

  it('still reads a success answer as JSON', async () => {
    const client = clientAnswering(200, { status: 'ok' }, 'application/json');
    const { data, error } = await client.GET('/health');
    expect(error).toBeUndefined();
    expect(data).toEqual({ status: 'ok' });
  });
});
