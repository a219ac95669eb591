/**
 * The borrower's notification mails, German first, English second. Pure functions: data in, `{subject,
 * text, html}` out. Amounts are decimal strings in EUR ("300000.00"), rates decimal fractions ("0.0485").
 * Names and messages are user-provided: they are only ever passed to the layout as text, which escapes them.
 *
 * Links are built from `baseUrl` (the web app's public origin) with the paths in `mailLinks`.
 */
import { formatAmount, formatRate, type MailLanguage } from './format.js';
import { renderMail, type MailBlock, type RenderedMail } from './layout.js';

export type { MailLanguage } from './format.js';
export type { RenderedMail } from './layout.js';

interface Common {
  /** Default 'de'. */
  lang?: MailLanguage;
  /** Public origin of the web app, e.g. `https://kreditplatz.de`; http(s) only. */
  baseUrl: string;
  /** Name of the person addressed; "Guten Tag," alone when absent. */
  recipientName?: string;
}

interface AboutRequest extends Common {
  requestId: string;
  companyName: string;
}

/** Paths of the web app the mails link to, in one place. Fragments land on the request page's sections. */
export const mailLinks = {
  request: (requestId: string) => `/requests/${encodeURIComponent(requestId)}`,
  offers: (requestId: string) => `/requests/${encodeURIComponent(requestId)}#offers`,
  contract: (requestId: string) => `/requests/${encodeURIComponent(requestId)}#contract`,
  messages: (requestId: string) => `/requests/${encodeURIComponent(requestId)}#messages`,
  preferences: () => '/settings/notifications',
};

function link(baseUrl: string, path: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new RangeError(`baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('baseUrl must be an http(s) URL');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${path}`;
}

/** User text in a subject or a single line: no line breaks, collapsed white space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const EXCERPT_LENGTH = 500;

function excerpt(text: string): string {
  const chars = Array.from(text.replace(/\r\n?/g, '\n').trim());
  return chars.length <= EXCERPT_LENGTH ? chars.join('') : `${chars.slice(0, EXCERPT_LENGTH).join('').trimEnd()} …`;
}

function greeting(lang: MailLanguage, name: string | undefined): string {
  const n = name ? oneLine(name) : '';
  if (lang === 'de') return n ? `Guten Tag ${n},` : 'Guten Tag,';
  return n ? `Hello ${n},` : 'Hello,';
}

function footer(lang: MailLanguage, baseUrl: string) {
  const preferences = link(baseUrl, mailLinks.preferences());
  return lang === 'de'
    ? [
        { text: 'Kreditplatz ist ein Kreditvermittler: Wir vermitteln Finanzierungen zwischen Unternehmen und Finanzierungspartnern und vergeben selbst keine Kredite.' },
        {
          text: 'Sie erhalten diese E-Mail zu Ihrer Finanzierungsanfrage bei Kreditplatz. Welche E-Mails Sie bekommen, legen Sie selbst fest:',
          link: { label: 'E-Mail-Einstellungen ändern', url: preferences },
        },
      ]
    : [
        { text: 'Kreditplatz is a credit broker: we arrange financing between companies and lenders and do not lend ourselves.' },
        {
          text: 'You receive this e-mail about your financing request on Kreditplatz. You decide which e-mails you get:',
          link: { label: 'Change e-mail preferences', url: preferences },
        },
      ];
}

function compose(
  input: Common,
  content: { subject: string; blocks: MailBlock[]; action: { label: string; path: string } },
): RenderedMail {
  const lang = input.lang ?? 'de';
  return renderMail({
    lang,
    subject: oneLine(content.subject),
    greeting: greeting(lang, input.recipientName),
    blocks: content.blocks,
    action: { label: content.action.label, url: link(input.baseUrl, content.action.path) },
    footer: footer(lang, input.baseUrl),
  });
}

// ---------------------------------------------------------------------------------------------------------

export interface RequestDispatchedInput extends AboutRequest {
  amount: string;
  /** The lenders the request went to. */
  lenderNames: string[];
}

/** The request went out to the matched lenders. */
export function requestDispatched(input: RequestDispatchedInput): RenderedMail {
  const lang = input.lang ?? 'de';
  const count = input.lenderNames.length;
  const company = oneLine(input.companyName);
  const amount = formatAmount(input.amount, lang);
  const lenders = input.lenderNames.map(oneLine);
  return lang === 'de'
    ? compose(input, {
        subject: `Ihre Finanzierungsanfrage ist an ${count === 1 ? 'einen Finanzierungspartner' : `${count} Finanzierungspartner`} gegangen`,
        blocks: [
          {
            kind: 'paragraph',
            text: `Ihre Finanzierungsanfrage für ${company} über ${amount} haben wir ${count === 1 ? 'an diesen Finanzierungspartner' : 'an diese Finanzierungspartner'} gesendet:`,
          },
          { kind: 'list', items: lenders },
          { kind: 'paragraph', text: 'Sobald das erste Angebot eintrifft, schreiben wir Ihnen.' },
        ],
        action: { label: 'Anfrage ansehen', path: mailLinks.request(input.requestId) },
      })
    : compose(input, {
        subject: `Your financing request went to ${count === 1 ? 'one lender' : `${count} lenders`}`,
        blocks: [
          { kind: 'paragraph', text: `We have sent your financing request for ${company} over ${amount} to ${count === 1 ? 'this lender' : 'these lenders'}:` },
          { kind: 'list', items: lenders },
          { kind: 'paragraph', text: 'We will write to you as soon as the first offer arrives.' },
        ],
        action: { label: 'View request', path: mailLinks.request(input.requestId) },
      });
}

export interface FirstOfferArrivedInput extends AboutRequest {
  lenderName: string;
  /** Offered amount, when known. */
  amount?: string;
  /** The offer's effective annual rate (decimal fraction), when known. */
  effectiveAnnualRate?: string;
}

/** The first offer for a request has arrived. */
export function firstOfferArrived(input: FirstOfferArrivedInput): RenderedMail {
  const lang = input.lang ?? 'de';
  const de = lang === 'de';
  const rows: [string, string][] = [[de ? 'Finanzierungspartner' : 'Lender', oneLine(input.lenderName)]];
  if (input.amount !== undefined) rows.push([de ? 'Betrag' : 'Amount', formatAmount(input.amount, lang)]);
  if (input.effectiveAnnualRate !== undefined) {
    rows.push([de ? 'Effektiver Jahreszins' : 'Effective annual rate', formatRate(input.effectiveAnnualRate, lang)]);
  }
  const company = oneLine(input.companyName);
  return compose(input, {
    subject: de ? 'Das erste Angebot für Ihre Finanzierung ist da' : 'The first offer for your financing has arrived',
    blocks: [
      {
        kind: 'paragraph',
        text: de
          ? `Für Ihre Finanzierungsanfrage für ${company} ist das erste Angebot eingegangen:`
          : `The first offer for your financing request for ${company} has arrived:`,
      },
      { kind: 'facts', rows },
      {
        kind: 'paragraph',
        text: de
          ? 'Weitere Angebote können folgen. Sie müssen jetzt noch nichts entscheiden: Sobald alle Angebote da sind, vergleichen wir sie für Sie.'
          : 'More offers may follow. There is nothing to decide yet: once all offers are in, we compare them for you.',
      },
    ],
    action: { label: de ? 'Angebot ansehen' : 'View offer', path: mailLinks.offers(input.requestId) },
  });
}

export interface AllOffersInInput extends AboutRequest {
  /** Number of offers received (0 when no lender made one). */
  count: number;
  /** Lowest effective annual rate among the offers (decimal fraction); null when there is none. */
  bestEffectiveRate: string | null;
}

/** All lenders have answered: the offers can be compared. */
export function allOffersIn(input: AllOffersInInput): RenderedMail {
  const lang = input.lang ?? 'de';
  const de = lang === 'de';
  const { count } = input;
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const company = oneLine(input.companyName);
  if (count === 0) {
    return compose(input, {
      subject: de ? 'Zu Ihrer Finanzierungsanfrage liegt kein Angebot vor' : 'No offer for your financing request',
      blocks: [
        {
          kind: 'paragraph',
          text: de
            ? `Für Ihre Finanzierungsanfrage für ${company} hat leider keiner der angefragten Finanzierungspartner ein Angebot abgegeben.`
            : `Unfortunately none of the lenders asked made an offer for your financing request for ${company}.`,
        },
        {
          kind: 'paragraph',
          text: de
            ? 'Ihre Beraterin oder Ihr Berater meldet sich bei Ihnen, um die nächsten Schritte zu besprechen.'
            : 'Your advisor will contact you to discuss the next steps.',
        },
      ],
      action: { label: de ? 'Anfrage ansehen' : 'View request', path: mailLinks.request(input.requestId) },
    });
  }
  const rate = input.bestEffectiveRate === null ? null : formatRate(input.bestEffectiveRate, lang);
  const offers = de ? (count === 1 ? '1 Angebot' : `${count} Angebote`) : count === 1 ? '1 offer' : `${count} offers`;
  return compose(input, {
    subject: de
      ? `Alle Angebote sind da: ${offers}${rate ? `, ab ${rate} effektiv` : ''}`
      : `All offers are in: ${offers}${rate ? `, from ${rate} effective` : ''}`,
    blocks: [
      {
        kind: 'paragraph',
        text: de
          ? `Für Ihre Finanzierungsanfrage für ${company} liegen jetzt alle Angebote vor.`
          : `All offers for your financing request for ${company} are now in.`,
      },
      {
        kind: 'facts',
        rows: [
          [de ? 'Angebote' : 'Offers', String(count)],
          ...(rate ? [[de ? 'Niedrigster effektiver Jahreszins' : 'Lowest effective annual rate', rate] as [string, string]] : []),
        ],
      },
      {
        kind: 'paragraph',
        text: de
          ? 'Vergleichen Sie Rate, Gesamtkosten und Laufzeit in Ruhe und wählen Sie das Angebot, das zu Ihrem Unternehmen passt.'
          : 'Compare instalment, total cost and term at your own pace and choose the offer that suits your company.',
      },
    ],
    action: { label: de ? 'Angebote vergleichen' : 'Compare offers', path: mailLinks.offers(input.requestId) },
  });
}

export interface ContractReadyInput extends AboutRequest {
  lenderName: string;
  amount?: string;
}

/** The contract for the chosen offer is ready to be signed. */
export function contractReady(input: ContractReadyInput): RenderedMail {
  const lang = input.lang ?? 'de';
  const de = lang === 'de';
  const lender = oneLine(input.lenderName);
  const amount = input.amount === undefined ? null : formatAmount(input.amount, lang);
  return compose(input, {
    subject: de ? 'Ihr Vertrag ist bereit zur Unterschrift' : 'Your contract is ready to sign',
    blocks: [
      {
        kind: 'paragraph',
        text: de
          ? `Der Vertrag mit ${lender}${amount ? ` über ${amount}` : ''} für ${oneLine(input.companyName)} ist vorbereitet und kann unterschrieben werden.`
          : `The contract with ${lender}${amount ? ` over ${amount}` : ''} for ${oneLine(input.companyName)} is prepared and ready to sign.`,
      },
      {
        kind: 'paragraph',
        text: de
          ? 'Bitte lesen Sie ihn in Ruhe, bevor Sie unterschreiben. Bei Fragen hilft Ihnen Ihre Beraterin oder Ihr Berater.'
          : 'Please read it carefully before you sign. Your advisor is happy to answer any questions.',
      },
    ],
    action: { label: de ? 'Vertrag ansehen und unterschreiben' : 'Review and sign the contract', path: mailLinks.contract(input.requestId) },
  });
}

export interface ContractSignedInput extends AboutRequest {
  lenderName: string;
  amount: string;
}

/** The borrower has signed the contract. */
export function contractSigned(input: ContractSignedInput): RenderedMail {
  const lang = input.lang ?? 'de';
  const de = lang === 'de';
  const lender = oneLine(input.lenderName);
  const amount = formatAmount(input.amount, lang);
  return compose(input, {
    subject: de ? `Vertrag unterschrieben: Ihre Finanzierung über ${amount}` : `Contract signed: your financing of ${amount}`,
    blocks: [
      {
        kind: 'paragraph',
        text: de
          ? `Der Vertrag mit ${lender} über ${amount} für ${oneLine(input.companyName)} ist unterschrieben. Herzlichen Glückwunsch!`
          : `The contract with ${lender} over ${amount} for ${oneLine(input.companyName)} is signed. Congratulations!`,
      },
      {
        kind: 'paragraph',
        text: de
          ? `Die Auszahlung übernimmt ${lender} nach den Bedingungen des Vertrags. Den unterschriebenen Vertrag finden Sie jederzeit bei Ihrer Anfrage.`
          : `${lender} pays out the loan under the terms of the contract. You will always find the signed contract with your request.`,
      },
    ],
    action: { label: de ? 'Anfrage ansehen' : 'View request', path: mailLinks.request(input.requestId) },
  });
}

export interface AdvisorMessageInput extends Common {
  requestId: string;
  advisorName: string;
  /** The message (or its beginning); shown up to 500 characters, line breaks kept. */
  excerpt: string;
}

/** The advisor has written to the borrower. */
export function advisorMessage(input: AdvisorMessageInput): RenderedMail {
  const lang = input.lang ?? 'de';
  const de = lang === 'de';
  const advisor = oneLine(input.advisorName);
  return compose(input, {
    subject: de ? `Neue Nachricht von ${advisor}` : `New message from ${advisor}`,
    blocks: [
      {
        kind: 'paragraph',
        text: de ? `${advisor} hat Ihnen zu Ihrer Finanzierungsanfrage geschrieben:` : `${advisor} has written to you about your financing request:`,
      },
      { kind: 'quote', text: excerpt(input.excerpt) },
    ],
    action: { label: de ? 'Nachricht lesen und antworten' : 'Read and reply', path: mailLinks.messages(input.requestId) },
  });
}
