import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, decodeQuotedPrintable, parseAddressList, parseHeaderParams, parseMime } from './parse-mime.js';

const crlf = (lines: string[]) => lines.join('\r\n');
const b64 = (bytes: number[] | string) => Buffer.from(bytes as never).toString('base64');

describe('RFC 2047 encoded-words', () => {
  it('decodes B and Q words in UTF-8 and ISO-8859-1', () => {
    expect(decodeEncodedWords('=?UTF-8?B?R3LDvMOfZSDigqw=?=')).toBe('Grüße €');
    expect(decodeEncodedWords('=?iso-8859-1?q?M=FCller_&_S=F6hne?=')).toBe('Müller & Söhne');
    expect(decodeEncodedWords('=?UTF-8?Q?a=5Fb_c?=')).toBe('a_b c');
  });

  it('drops white space between adjacent words but keeps it next to plain text', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=   =?UTF-8?Q?_aus?= Köln')).toBe('Grüße aus Köln');
    expect(decodeEncodedWords('Angebot =?UTF-8?Q?=C3=BCber?= 5 €')).toBe('Angebot über 5 €');
  });

  it('joins a multi-byte character split across two words', () => {
    // "Grüße": ü = C3 BC, split between the words
    const first = b64([0x47, 0x72, 0xc3]);
    const second = b64([0xbc, 0xc3, 0x9f, 0x65]);
    expect(decodeEncodedWords(`=?UTF-8?B?${first}?=\r\n =?UTF-8?B?${second}?=`)).toBe('Grüße');
  });

  it('leaves text without words, and malformed words, as they are', () => {
    expect(decodeEncodedWords('Hallo =? Welt')).toBe('Hallo =? Welt');
    expect(decodeEncodedWords('=?UTF-8?X?abc?=')).toBe('=?UTF-8?X?abc?=');
  });
});

describe('quoted-printable', () => {
  it('decodes escapes, soft line breaks and drops transport padding', () => {
    expect(decodeQuotedPrintable('Gr=C3=BC=C3=9Fe =\r\nund =E2=82=AC  \r\nneue Zeile').toString('utf-8')).toBe(
      'Grüße und €\r\nneue Zeile',
    );
    expect(decodeQuotedPrintable('100 =3D 1=00').toString('latin1')).toBe('100 = 1\u0000');
    expect(decodeQuotedPrintable('kaputt =ZZ bleibt').toString('utf-8')).toBe('kaputt =ZZ bleibt');
  });
});

describe('addresses and parameters', () => {
  it('reads address lists with quoted names, encoded names and groups', () => {
    expect(parseAddressList('"Müller, Jörg" <j@x.de>, =?UTF-8?Q?Anna_B=C3=A4r?= <a@x.de>, plain@x.de')).toEqual([
      'Müller, Jörg <j@x.de>',
      'Anna Bär <a@x.de>',
      'plain@x.de',
    ]);
    expect(parseAddressList('Team: a@x.de, "B" <b@x.de>;')).toEqual(['a@x.de', 'B <b@x.de>']);
    expect(parseAddressList('undisclosed-recipients:;')).toEqual([]);
    expect(parseAddressList(undefined)).toEqual([]);
  });

  it('reads RFC 2231 continuations and extended values', () => {
    expect(parseHeaderParams("attachment; filename*0*=utf-8''Angebots%C3%BC; filename*1*=bersicht%20M%C3%A4rz.pdf").params).toEqual({
      filename: 'Angebotsübersicht März.pdf',
    });
    expect(parseHeaderParams('attachment; filename*0="a very long "; filename*1="name.txt"').params.filename).toBe('a very long name.txt');
    const ct = parseHeaderParams('Text/HTML; charset="UTF-8"; name="=?UTF-8?Q?Vertr=C3=A4ge.html?="');
    expect(ct.value).toBe('text/html');
    expect(ct.params).toEqual({ charset: 'UTF-8', name: 'Verträge.html' });
  });
});

describe('parseMime', () => {
  it('reads a nested multipart message with both transfer encodings and attachments', () => {
    const pdf = Buffer.alloc(1234, 7);
    const raw = crlf([
      'Return-Path: <bounce@kreditplatz.test>',
      'From: =?UTF-8?Q?Kreditplatz_M=C3=BCnchen?= <noreply@kreditplatz.test>',
      'To: "Jörg Müller" <joerg@example.de>,',
      ' anna@example.de',
      'Cc: team@example.de',
      'Subject: =?UTF-8?Q?Ihr_Angebot_=C3=BCber_300.000,00_=E2=82=AC?=',
      '  =?UTF-8?Q?_f=C3=BCr_Sie?=',
      'Message-ID: <abc.123@kreditplatz.test>',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed;',
      '\tboundary="outer"',
      '',
      'This is a multi-part message in MIME format.',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Guten Tag Herr M=C3=BCller, eine lange Zeile, die weich umbrochen wird und =',
      'weitergeht.',
      'Zweite Zeile =E2=82=AC',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      ...(Buffer.from('<p>Grüße €</p>\r\n<p>Zeile 2</p>').toString('base64').match(/.{1,8}/g) ?? []),
      '--inner--',
      '',
      '--outer',
      'Content-Type: application/pdf; name="x.pdf"',
      'Content-Transfer-Encoding: base64',
      "Content-Disposition: attachment; filename*0*=utf-8''Angebots%C3%BC;",
      ' filename*1*=bersicht.pdf',
      '',
      ...(pdf.toString('base64').match(/.{1,76}/g) ?? []),
      '--outer',
      'Content-Type: application/zip; name="=?UTF-8?Q?Vertr=C3=A4ge.zip?="',
      'Content-Transfer-Encoding: base64',
      '',
      b64('PK'),
      '--outer',
      'Content-Type: text/plain; name=notiz.txt',
      '',
      'Hallo',
      '--outer--',
      'epilogue',
      '',
    ]);
    const mail = parseMime(Buffer.from(raw, 'utf-8'));
    expect(mail.messageId).toBe('<abc.123@kreditplatz.test>');
    expect(mail.from).toBe('Kreditplatz München <noreply@kreditplatz.test>');
    expect(mail.to).toEqual(['Jörg Müller <joerg@example.de>', 'anna@example.de']);
    expect(mail.cc).toEqual(['team@example.de']);
    expect(mail.subject).toBe('Ihr Angebot über 300.000,00 € für Sie');
    expect(mail.text).toBe('Guten Tag Herr Müller, eine lange Zeile, die weich umbrochen wird und weitergeht.\nZweite Zeile €');
    expect(mail.html).toBe('<p>Grüße €</p>\n<p>Zeile 2</p>');
    expect(mail.attachments).toEqual([
      { filename: 'Angebotsübersicht.pdf', contentType: 'application/pdf', size: 1234 },
      { filename: 'Verträge.zip', contentType: 'application/zip', size: 2 },
      { filename: 'notiz.txt', contentType: 'text/plain', size: 5 },
    ]);
    expect(mail.headers[0]).toEqual({ name: 'Return-Path', value: '<bounce@kreditplatz.test>' });
    expect(mail.headers.find((h) => h.name === 'Content-Type')?.value).toBe('multipart/mixed;\tboundary="outer"');
  });

  it('reads a single-part message in its charset, and one without a Content-Type', () => {
    const latin1 = Buffer.concat([
      Buffer.from('Subject: Test\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      Buffer.from([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x0d, 0x0a]), // "Grüße" in latin1
    ]);
    expect(parseMime(latin1).text).toBe('Grüße');
    const bare = parseMime(Buffer.from('From: a@x.de\nSubject: Hallo\n\nZeile 1\nZeile 2\n'));
    expect(bare).toMatchObject({ from: 'a@x.de', subject: 'Hallo', text: 'Zeile 1\nZeile 2', html: null, attachments: [] });
    expect(bare.messageId).toBeNull();
  });

  it('reads raw UTF-8 headers (RFC 6532)', () => {
    const mail = parseMime(Buffer.from('From: Jörg <j@x.de>\r\nSubject: Grüße €\r\n\r\nx\r\n', 'utf-8'));
    expect(mail.from).toBe('Jörg <j@x.de>');
    expect(mail.subject).toBe('Grüße €');
  });

  it('never throws on broken input', () => {
    const unterminated = crlf([
      'Subject: kaputt',
      'Content-Type: multipart/mixed; boundary=b',
      '',
      '--b',
      'Content-Type: text/plain',
      '',
      'erster Teil',
      '--b',
      'Content-Type: text/html',
      '',
      '<p>ohne Ende',
    ]);
    const mail = parseMime(Buffer.from(unterminated));
    expect(mail.text).toBe('erster Teil');
    expect(mail.html).toBe('<p>ohne Ende');
    for (const junk of ['', '\r\n\r\n', 'no headers at all', 'Content-Type: multipart/mixed\r\n\r\n--x', '\u0000\u00ff=?']) {
      expect(() => parseMime(Buffer.from(junk, 'latin1'))).not.toThrow();
    }
  });
});
