import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, MailSendError, type Mailer } from './mailer.js';
import { startSmtpCatcher, type CaughtMail, type SmtpCatcher } from './smtp-catcher.js';
import { contractReady } from './templates.js';

const FROM = 'Kreditplatz Vermittlung für KMU <noreply@kreditplatz.test>';

/** Deterministic bytes, every value 0–255, so base64 round trips are checked byte for byte. */
function bytes(length: number): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 31 + 7) % 256;
  return b;
}

describe('mailer → SMTP catcher', () => {
  let catcher: SmtpCatcher;
  let mailer: Mailer;
  const caught: CaughtMail[] = [];
  let failures = 0;

  beforeAll(async () => {
    catcher = await startSmtpCatcher({
      port: 0,
      async onMail(mail) {
        if (failures > 0) {
          failures--;
          throw new Error('database unavailable');
        }
        caught.push(mail);
      },
    });
    mailer = createMailer({ smtpUrl: catcher.url, from: FROM });
  });

  afterAll(async () => {
    await mailer?.close();
    await catcher?.close();
  });

  beforeEach(() => {
    caught.length = 0;
    failures = 0;
  });

  function only(): CaughtMail {
    expect(caught).toHaveLength(1);
    return caught[0];
  }

  it('listens on a free port and reports its URL', () => {
    expect(catcher.port).toBeGreaterThan(0);
    expect(catcher.url).toBe(`smtp://127.0.0.1:${catcher.port}`);
  });

  it('delivers a UTF-8 multipart message with attachments, decoded field by field', async () => {
    const subject = 'Ihr Angebot über 300.000,00 € für Müller & Söhne Maschinenbau GmbH – Grüße aus Köln, Düsseldorf und Würzburg';
    const text = [
      'Guten Tag Frau Müller,',
      '',
      `eine lange Zeile, damit quoted-printable sie umbrechen muss: ${'Größe Äpfel Übermaß €, '.repeat(6)}Ende.`,
      'Zeile mit Leerzeichen am Ende   ',
      'a=b; 100 % sicher',
    ].join('\n');
    const html = '<p>Grüße aus <strong>Köln</strong> – 300.000,00 €</p>';
    const pdf = bytes(3000);
    const sent = await mailer.send({
      to: ['"Jörg Müller" <joerg@example.de>', 'anna@example.de'],
      subject,
      text,
      html,
      attachments: [
        { filename: 'Angebotsübersicht März.pdf', content: pdf, contentType: 'application/pdf' },
        { filename: 'notiz.txt', content: 'Hallo', contentType: 'text/plain' },
      ],
    });

    const mail = only();
    expect(mail.messageId).toBe(sent.messageId);
    expect(sent.messageId).toMatch(/^<.+@.+>$/);
    expect(sent.accepted).toEqual(['joerg@example.de', 'anna@example.de']);
    expect(mail.subject).toBe(subject);
    expect(mail.from).toBe(FROM);
    expect(mail.to).toEqual(['Jörg Müller <joerg@example.de>', 'anna@example.de']);
    expect(mail.envelope).toEqual({ from: 'noreply@kreditplatz.test', to: ['joerg@example.de', 'anna@example.de'] });
    expect(mail.text).toBe(text);
    expect(mail.html).toBe(html);
    expect(mail.attachments).toEqual([
      { filename: 'Angebotsübersicht März.pdf', contentType: 'application/pdf', size: 3000 },
      { filename: 'notiz.txt', contentType: 'text/plain', size: 5 },
    ]);
    expect(mail.receivedAt).toBeInstanceOf(Date);
    expect(mail.size).toBeGreaterThan(4000); // base64 of the PDF alone is 4,000+ bytes
    expect(mail.headers.find((h) => h.name.toLowerCase() === 'subject')?.value).toBe(subject);
  });

  it('decodes base64-encoded text parts too', async () => {
    const direct = createTransport({ url: catcher.url, ignoreTLS: true });
    try {
      await direct.sendMail({
        from: FROM,
        to: 'kunde@example.de',
        subject: 'Base64 €',
        text: 'Überweisung: 1.000,00 €\nZweite Zeile',
        html: '<p>Überweisung</p>',
        textEncoding: 'base64',
      });
    } finally {
      direct.close();
    }
    const mail = only();
    expect(mail.subject).toBe('Base64 €');
    expect(mail.text).toBe('Überweisung: 1.000,00 €\nZweite Zeile');
    expect(mail.html).toBe('<p>Überweisung</p>');
    expect(mail.attachments).toEqual([]);
  });

  it('carries a given Message-ID and extra headers', async () => {
    const sent = await mailer.send({
      to: 'kunde@example.de',
      subject: 'Hallo',
      text: 'Nur Text',
      messageId: '<outbox-42@kreditplatz.test>',
      headers: { 'List-Unsubscribe': '<https://kreditplatz.test/settings/notifications>' },
    });
    const mail = only();
    expect(sent.messageId).toBe('<outbox-42@kreditplatz.test>');
    expect(mail.messageId).toBe('<outbox-42@kreditplatz.test>');
    expect(mail.html).toBeNull();
    expect(mail.text).toBe('Nur Text');
    expect(mail.headers).toContainEqual({ name: 'List-Unsubscribe', value: '<https://kreditplatz.test/settings/notifications>' });
  });

  it('refuses header values that would inject further headers', async () => {
    await expect(
      mailer.send({ to: 'kunde@example.de', subject: 'x', text: 'x', headers: { 'X-Note': 'a\r\nBcc: victim@example.de' } }),
    ).rejects.toThrow(TypeError);
    expect(caught).toHaveLength(0);
  });

  it('answers 451 when the mail cannot be stored, and the retry goes through', async () => {
    failures = 1;
    const message = { to: 'kunde@example.de', subject: 'Wiederholung', text: 'Bitte erneut', messageId: '<retry-1@kreditplatz.test>' };
    const error = await mailer.send(message).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailSendError);
    const e = error as MailSendError;
    expect(e.responseCode).toBe(451);
    expect(e.permanent).toBe(false);
    expect(e.message).toContain('451');
    expect(e.message).not.toContain('database unavailable'); // internals stay on the server
    expect(caught).toHaveLength(0);

    await mailer.send(message);
    expect(only().messageId).toBe('<retry-1@kreditplatz.test>');
  });

  it('sends many messages concurrently through the pool', async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => mailer.send({ to: `kunde${i}@example.de`, subject: `Nr. ${i}`, text: `Text ${i}` })),
    );
    expect(caught).toHaveLength(12);
    expect(new Set(caught.map((m) => m.messageId))).toEqual(new Set(results.map((r) => r.messageId)));
    expect(caught.map((m) => m.subject).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `Nr. ${i}`).sort());
  });

  it('delivers a rendered template unchanged', async () => {
    const rendered = contractReady({
      baseUrl: 'https://kreditplatz.test',
      requestId: 'req-1',
      companyName: '<script>alert(1)</script> GmbH',
      lenderName: 'Sparkasse Köln',
      amount: '300000.00',
    });
    await mailer.send({ to: 'kunde@example.de', ...rendered });
    const mail = only();
    expect(mail.subject).toBe(rendered.subject);
    expect(mail.text).toBe(rendered.text);
    expect(mail.html).toBe(rendered.html);
  });
});

describe('SMTP catcher limits', () => {
  it('rejects a message above the size limit with a permanent 552', async () => {
    const caught: CaughtMail[] = [];
    const catcher = await startSmtpCatcher({ maxMessageBytes: 4096, onMail: async (m) => void caught.push(m) });
    const mailer = createMailer({ smtpUrl: catcher.url, from: FROM });
    try {
      const error = await mailer
        .send({ to: 'kunde@example.de', subject: 'Groß', text: 'x', attachments: [{ filename: 'big.bin', content: bytes(10_000) }] })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(MailSendError);
      expect((error as MailSendError).responseCode).toBe(552);
      expect((error as MailSendError).permanent).toBe(true);
      expect(caught).toHaveLength(0);
      await mailer.send({ to: 'kunde@example.de', subject: 'Klein', text: 'x' });
      expect(caught.map((m) => m.subject)).toEqual(['Klein']);
    } finally {
      await mailer.close();
      await catcher.close();
    }
  });

  it('reports a refused connection as a temporary failure', async () => {
    const catcher = await startSmtpCatcher({ onMail: async () => {} });
    const url = catcher.url;
    await catcher.close();
    const mailer = createMailer({ smtpUrl: url, from: FROM });
    try {
      const error = await mailer.send({ to: 'kunde@example.de', subject: 'x', text: 'x' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MailSendError);
      expect((error as MailSendError).permanent).toBe(false);
      expect((error as MailSendError).responseCode).toBeUndefined();
    } finally {
      await mailer.close();
    }
  });

  it('needs an SMTP URL', () => {
    expect(() => createMailer({ from: FROM })).toThrow(/smtpUrl/);
    expect(() => createMailer({ smtpUrl: 'http://localhost:25', from: FROM })).toThrow(/smtp/);
  });
});
