/**
 * The one error type of the platform. Services throw it; the HTTP layer maps it to RFC 9457
 * problem+json in exactly one place (problem.ts). The code is stable and part of the API contract.
 */
export const ERROR_CODES = {
  validation: { status: 400, title: 'Ungültige Eingabe' },
  malformed_request: { status: 400, title: 'Fehlerhafte Anfrage' },
  unauthenticated: { status: 401, title: 'Nicht angemeldet' },
  invalid_credentials: { status: 401, title: 'E-Mail oder Passwort falsch' },
  forbidden: { status: 403, title: 'Keine Berechtigung' },
  not_found: { status: 404, title: 'Nicht gefunden' },
  conflict: { status: 409, title: 'Konflikt' },
  email_taken: { status: 409, title: 'E-Mail-Adresse bereits registriert' },
  illegal_transition: { status: 409, title: 'Statuswechsel nicht erlaubt' },
  consent_missing: { status: 409, title: 'Einwilligung fehlt' },
  payload_too_large: { status: 413, title: 'Anfrage zu groß' },
  unsupported_media_type: { status: 415, title: 'Medientyp nicht unterstützt' },
  rate_limited: { status: 429, title: 'Zu viele Anfragen' },
  internal: { status: 500, title: 'Interner Fehler' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly extra?: Record<string, unknown>;

  constructor(code: ErrorCode, detail: string, opts: { errors?: FieldError[]; extra?: Record<string, unknown> } = {}) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.errors = opts.errors;
    this.extra = opts.extra;
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} nicht gefunden.`);
  }

  /** A validation error for one field, for rules a schema cannot express (e.g. a lookup in reference data). */
  static invalidField(path: string, message: string): AppError {
    return new AppError('validation', `${message.charAt(0).toUpperCase()}${message.slice(1)} (${path}).`, { errors: [{ path, message }] });
  }
}

/** The stable `type` URI of a problem; relative, resolved against the API's origin. */
export const problemType = (code: ErrorCode): string => `/problems/${code.replace(/_/g, '-')}`;
