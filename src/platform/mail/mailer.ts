/**
 * Sends mail over SMTP through a pooled nodemailer transport. The platform passes `SMTP_URL` in production
 * and the in-process catcher's URL otherwise (see smtp-catcher.ts).
 *
 * Failures reject with a MailSendError that says whether a retry can help (`permanent`), which the job
 * queue uses to retry or give up. Logs carry message ids, counts and SMTP codes — never addresses or bodies.
 */
import { createTransport } from 'nodemailer';
import type { MailLogger } from './smtp-catcher.js';

export interface MailAttachment {
  filename: string;
  content: Buffer | Uint8Array | string;
  /** Guessed from the filename when absent. */
  contentType?: string;
}

export interface OutgoingMail {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (e.g. `List-Unsubscribe`); values must be single-line. */
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  /**
   * A stable Message-ID (`<id@domain>`) for idempotent retries: the same outbox entry sent twice carries
   * the same id, so receivers can drop the duplicate. Generated when absent.
   */
  messageId?: string;
  replyTo?: string;
}

export interface SentMail {
  /** Message-ID with its angle brackets, as written in the header. */
  messageId: string;
  accepted: string[];
  rejected: string[];
}

export interface Mailer {
  send(message: OutgoingMail): Promise<SentMail>;
  /** Waits for messages in flight, then closes the pooled connections. Idempotent. */
  close(): Promise<void>;
}

export interface MailerOptions {
  /**
   * `smtp://user:pass@host:587` (STARTTLS when offered; add `?requireTLS=true` to insist) or `smtps://host:465`.
   * Required: when the platform has no SMTP_URL it starts the catcher and passes the catcher's URL.
   */
  smtpUrl?: string;
  /** Sender, e.g. `Kreditplatz <noreply@kreditplatz.de>`. */
  from: string;
  logger?: MailLogger;
  /** Pool size; default 3. */
  maxConnections?: number;
}

/** A message the SMTP server refused or that could not be handed over. */
export class MailSendError extends Error {
  /** nodemailer's error code: `EMESSAGE`, `ECONNECTION`, `ETIMEDOUT`, `EENVELOPE`, … */
  readonly code: string | undefined;
  /** The SMTP reply code when the server answered (451, 550, …). */
  readonly responseCode: number | undefined;
  /** True when sending the same message again will fail again (5xx); false for 4xx and connection failures. */
  readonly permanent: boolean;

  constructor(message: string, details: { code?: string; responseCode?: number; permanent: boolean; cause?: unknown }) {
    super(message, { cause: details.cause });
    this.name = 'MailSendError';
    this.code = details.code;
    this.responseCode = details.responseCode;
    this.permanent = details.permanent;
  }
}

const HEADER_NAME = /^[!-9;-~]+$/; // printable ASCII except ":"
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function assertHeaders(headers: Record<string, string> | undefined): void {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!HEADER_NAME.test(name)) throw new TypeError(`Invalid mail header name: ${JSON.stringify(name)}`);
    if (/[\r\n]/.test(value)) throw new TypeError(`Mail header ${name} must be a single line`);
  }
}

function toMailSendError(err: unknown): MailSendError {
  if (err instanceof MailSendError) return err;
  const e = (err ?? {}) as { message?: string; code?: string; responseCode?: number; permanent?: boolean };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const permanent =
    typeof e.permanent === 'boolean' ? e.permanent : responseCode !== undefined && responseCode >= 500 && responseCode !== 503;
  return new MailSendError(e.message ?? 'Mail could not be sent', { code: e.code, responseCode, permanent, cause: err });
}

export function createMailer(options: MailerOptions): Mailer {
  if (!options.smtpUrl) {
    throw new TypeError('createMailer needs an smtpUrl: set SMTP_URL or pass the URL of the started SMTP catcher');
  }
  const url = new URL(options.smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new TypeError(`Unsupported mail URL scheme ${url.protocol} (use smtp: or smtps:)`);
  }
  const logger = options.logger;
  const transport = createTransport({
    pool: true,
    url: options.smtpUrl,
    maxConnections: options.maxConnections ?? 3,
    // a local catcher offers no TLS; elsewhere STARTTLS is used whenever the server offers it
    ignoreTLS: LOOPBACK_HOSTS.has(url.hostname),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
    // attachments come as content only: never read files or URLs named in a message
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
    debug: false,
  });

  const inFlight = new Set<Promise<unknown>>();
  let closed: Promise<void> | null = null;

  async function deliver(message: OutgoingMail): Promise<SentMail> {
    assertHeaders(message.headers);
    try {
      const info = await transport.sendMail({
        from: options.from,
        to: message.to,
        replyTo: message.replyTo,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
        messageId: message.messageId,
        attachments: message.attachments?.map((a) => ({
          filename: a.filename,
          content: Buffer.isBuffer(a.content) || typeof a.content === 'string' ? a.content : Buffer.from(a.content),
          contentType: a.contentType,
        })),
      });
      const toAddresses = (list: unknown): string[] =>
        Array.isArray(list) ? list.map((a) => (typeof a === 'string' ? a : String((a as { address?: string }).address))) : [];
      const sent = { messageId: info.messageId, accepted: toAddresses(info.accepted), rejected: toAddresses(info.rejected) };
      logger?.info(
        { messageId: sent.messageId, accepted: sent.accepted.length, rejected: sent.rejected.length },
        'mail sent',
      );
      return sent;
    } catch (err) {
      const error = toMailSendError(err);
      logger?.warn(
        { messageId: message.messageId, code: error.code, responseCode: error.responseCode, permanent: error.permanent },
        'mail not sent',
      );
      throw error;
    }
  }

  return {
    send(message) {
      if (closed) {
        return Promise.reject(new MailSendError('Mailer is closed', { code: 'ECLOSED', permanent: false }));
      }
      const pending = deliver(message);
      inFlight.add(pending);
      const forget = () => inFlight.delete(pending);
      pending.then(forget, forget);
      return pending;
    },
    close() {
      closed ??= (async () => {
        await Promise.allSettled([...inFlight]);
        transport.close();
      })();
      return closed;
    },
  };
}
