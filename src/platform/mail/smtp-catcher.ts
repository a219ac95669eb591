/**
 * An in-process SMTP server that accepts every message and hands it, read, to `onMail` — the platform's
 * mail sink in development, tests and demos (`npm start` needs no mail server). It never relays.
 *
 * STARTTLS is switched off (a catcher has no certificate); any AUTH is accepted so a sender configured
 * with credentials still gets through. If `onMail` fails, the DATA command answers 451 (temporary), so
 * the sender keeps the message and retries: a message is acknowledged only once it is stored.
 */
import { randomUUID } from 'node:crypto';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { parseMime, type MimeAttachment, type MimeHeader } from './parse-mime.js';

export interface CaughtMail {
  /** The Message-ID header with its angle brackets (what nodemailer reports as `messageId`); generated when absent. */
  messageId: string;
  /** The From header, decoded: `Name <address>`, or the envelope sender when the header is absent. */
  from: string;
  /** The To header's recipients, decoded: `Name <address>` or `address` (the envelope's when there is no To). */
  to: string[];
  subject: string;
  /** Plain-text body, '' when the message has none. */
  text: string;
  /** HTML body as sent — untrusted: show it only in a sandboxed frame. */
  html: string | null;
  attachments: MimeAttachment[];
  receivedAt: Date;
  /** Size of the raw message in bytes. */
  size: number;
  /** The SMTP envelope: who the message was really delivered to (includes Bcc). */
  envelope: { from: string | null; to: string[] };
  /** All headers, unfolded and decoded, in their order. */
  headers: MimeHeader[];
}

/** Log sink (pino-compatible). The catcher logs message ids and sizes, never contents. */
export interface MailLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface SmtpCatcherOptions {
  /** Interface to listen on; default 127.0.0.1 (loopback only). */
  host?: string;
  /** Port; default 0 = any free port (read it from the result). */
  port?: number;
  /** Stores the message. Throwing makes the SMTP transaction fail with 451 so the sender retries. */
  onMail(mail: CaughtMail): Promise<void> | void;
  /** Largest accepted message in bytes; default 25 MB. Larger ones get 552. */
  maxMessageBytes?: number;
  /** How long close() lets open connections finish before cutting them; default 5 s. */
  closeTimeoutMs?: number;
  logger?: MailLogger;
}

export interface SmtpCatcher {
  port: number;
  /** `smtp://host:port` to hand to createMailer. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

class SmtpReplyError extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the DATA stream into a buffer, keeping nothing past the size limit (the server then answers 552). */
function readData(stream: SMTPServerDataStream, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let oversized = false;
    stream.on('data', (chunk: Buffer) => {
      if (oversized) return;
      kept += chunk.length;
      if (kept > limit) {
        oversized = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    stream.once('error', reject);
    stream.once('end', () => resolve(oversized || stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });
}

function toCaughtMail(raw: Buffer, session: SMTPServerSession, receivedAt: Date): CaughtMail {
  const parsed = parseMime(raw);
  const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
  const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
  return {
    messageId: parsed.messageId ?? `<${randomUUID()}@catcher.kreditplatz.invalid>`,
    from: parsed.from || envelopeFrom || '',
    to: parsed.to.length > 0 ? parsed.to : envelopeTo,
    subject: parsed.subject,
    text: parsed.text,
    html: parsed.html,
    attachments: parsed.attachments,
    receivedAt,
    size: raw.length,
    envelope: { from: envelopeFrom, to: envelopeTo },
    headers: parsed.headers,
  };
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export async function startSmtpCatcher(options: SmtpCatcherOptions): Promise<SmtpCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const logger = options.logger;

  const server = new SMTPServer({
    name: 'kreditplatz-catcher',
    banner: 'Kreditplatz mail catcher',
    logger: false,
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: maxBytes,
    closeTimeout: options.closeTimeoutMs ?? 5_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      const receivedAt = new Date();
      const store = async (): Promise<string> => {
        const raw = await readData(stream, maxBytes);
        // oversized: smtp-server answers 552 itself, whatever we report
        if (raw === null) throw new SmtpReplyError(552, 'Error: message exceeds fixed maximum message size');
        const mail = toCaughtMail(raw, session, receivedAt);
        try {
          await options.onMail(mail);
        } catch (err) {
          logger?.warn(
            { messageId: mail.messageId, size: mail.size, err: err instanceof Error ? err.message : String(err) },
            'caught mail could not be stored; answered 451',
          );
          // the cause stays in our log; the client only learns to try again
          throw new SmtpReplyError(451, '4.3.0 Message not stored, try again later');
        }
        logger?.info({ messageId: mail.messageId, size: mail.size }, 'mail caught');
        return `OK: queued as ${mail.messageId}`;
      };
      store().then(
        (reply) => callback(null, reply),
        (err: unknown) =>
          callback(err instanceof SmtpReplyError ? err : new SmtpReplyError(451, '4.3.0 Temporary failure, try again later')),
      );
    },
  });
  // connection-level errors (a client resetting its socket) must not crash the process
  server.on('error', (err) => logger?.warn({ err: err.message }, 'smtp catcher connection error'));

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.server.off('error', onError);
      resolve();
    });
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  let closing: Promise<void> | null = null;
  return {
    port,
    url: `smtp://${urlHost(host)}:${port}`,
    close() {
      closing ??= new Promise<void>((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}
