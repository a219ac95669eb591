import { describe, expect, it } from 'vitest';
import { escapeHtml, formatAmount, formatRate } from './format.js';
import {
  advisorMessage,
  allOffersIn,
  contractReady,
  contractSigned,
  firstOfferArrived,
  requestDispatched,
  type RenderedMail,
} from './templates.js';

const base = { baseUrl: 'https://kreditplatz.example/', requestId: 'req 1/ä', companyName: 'Beispiel GmbH' };
const EVIL = '<script>alert("x")</script> & Söhne';

/** Every template, both languages, with user text that tries to inject markup. */
function renderAll(lang: 'de' | 'en'): Record<string, RenderedMail> {
  return {
    requestDispatched: requestDispatched({ ...base, lang, companyName: EVIL, amount: '300000.00', lenderNames: ['Sparkasse Köln', EVIL] }),
    firstOfferArrived: firstOfferArrived({ ...base, lang, lenderName: EVIL, amount: '250000', effectiveAnnualRate: '0.0485' }),
    allOffersIn: allOffersIn({ ...base, lang, companyName: EVIL, count: 3, bestEffectiveRate: '0.0485' }),
    contractReady: contractReady({ ...base, lang, lenderName: EVIL, amount: '300000.00' }),
    contractSigned: contractSigned({ ...base, lang, lenderName: EVIL, amount: '300000.00' }),
    advisorMessage: advisorMessage({ ...base, lang, advisorName: EVIL, excerpt: `Hallo,\n${EVIL}` }),
  };
}

describe('German and English number formatting', () => {
  it('formats amounts exactly, rounded half-up', () => {
    expect(formatAmount('300000.00', 'de')).toBe('300.000,00 €');
    expect(formatAmount('300000', 'en')).toBe('EUR 300,000.00');
    expect(formatAmount('1234567.895', 'de')).toBe('1.234.567,90 €');
    expect(formatAmount('0.5', 'de')).toBe('0,50 €');
    expect(formatAmount('999', 'de')).toBe('999,00 €');
    expect(formatAmount('-1000.5', 'de')).toBe('-1.000,50 €');
    expect(formatAmount('90071992547409930.01', 'de')).toBe('90.071.992.547.409.930,01 €');
  });

  it('formats rates given as decimal fractions', () => {
    expect(formatRate('0.0485', 'de')).toBe('4,85 %');
    expect(formatRate('0.0485', 'en')).toBe('4.85%');
    expect(formatRate('0.04845', 'de')).toBe('4,85 %');
    expect(formatRate('0.1', 'de')).toBe('10,00 %');
    expect(formatRate('0', 'de')).toBe('0,00 %');
  });

  it('rejects what is not a decimal string', () => {
    for (const bad of ['', '1,5', '1e5', 'NaN', '12.', ' ']) expect(() => formatAmount(bad, 'de')).toThrow(RangeError);
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('borrower mail templates', () => {
  it.each(['de', 'en'] as const)('escape user text in HTML and keep it readable in text (%s)', (lang) => {
    for (const [name, mail] of Object.entries(renderAll(lang))) {
      expect(mail.html, name).not.toContain('<script');
      expect(mail.html, name).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Söhne');
      expect(mail.text, name).toContain('<script>alert("x")</script> & Söhne');
      expect(mail.subject, name).not.toMatch(/[\r\n]/);
      // plain, accessible layout: language, title, inline styles only, no images, no scripts, no style sheets
      expect(mail.html, name).toMatch(new RegExp(`^<!DOCTYPE html>\\n<html lang="${lang}">`));
      expect(mail.html, name).toContain(`<title>${escapeHtml(mail.subject)}</title>`);
      expect(mail.html, name).not.toMatch(/<img|<style|<link|<script|background-image|class=/i);
    }
  });

  it.each(['de', 'en'] as const)('name Kreditplatz as a broker and link the e-mail preferences (%s)', (lang) => {
    for (const mail of Object.values(renderAll(lang))) {
      expect(mail.text).toContain('https://kreditplatz.example/settings/notifications');
      expect(mail.html).toContain('href="https://kreditplatz.example/settings/notifications"');
      expect(mail.text).toContain(lang === 'de' ? 'Kreditvermittler' : 'credit broker');
      expect(mail.text).toContain(lang === 'de' ? 'E-Mail-Einstellungen ändern' : 'Change e-mail preferences');
    }
  });

  it('build links from the base URL, with ids encoded', () => {
    const { requestDispatched: dispatched, contractReady: ready, advisorMessage: message } = renderAll('de');
    expect(dispatched.text).toContain('Anfrage ansehen: https://kreditplatz.example/requests/req%201%2F%C3%A4\n');
    expect(ready.html).toContain('href="https://kreditplatz.example/requests/req%201%2F%C3%A4#contract"');
    expect(message.text).toContain('https://kreditplatz.example/requests/req%201%2F%C3%A4#messages');
    const underPath = allOffersIn({ ...base, baseUrl: 'https://example.org/kp', count: 1, bestEffectiveRate: '0.05' });
    expect(underPath.text).toContain('https://example.org/kp/requests/req%201%2F%C3%A4#offers');
    expect(() => allOffersIn({ ...base, baseUrl: 'javascript:alert(1)', count: 1, bestEffectiveRate: '0.05' })).toThrow(RangeError);
    expect(() => allOffersIn({ ...base, baseUrl: '/relative', count: 1, bestEffectiveRate: '0.05' })).toThrow(RangeError);
  });

  it('write German amounts and rates, and English in the English variant', () => {
    const de = renderAll('de');
    const en = renderAll('en');
    expect(de.requestDispatched.text).toContain('über 300.000,00 €');
    expect(de.firstOfferArrived.text).toContain('Effektiver Jahreszins: 4,85 %');
    expect(de.firstOfferArrived.html).toContain('250.000,00 €');
    expect(de.allOffersIn.subject).toBe('Alle Angebote sind da: 3 Angebote, ab 4,85 % effektiv');
    expect(en.allOffersIn.subject).toBe('All offers are in: 3 offers, from 4.85% effective');
    expect(en.requestDispatched.text).toContain('over EUR 300,000.00');
    expect(de.contractSigned.subject).toBe('Vertrag unterschrieben: Ihre Finanzierung über 300.000,00 €');
    for (const name of Object.keys(de)) {
      expect(en[name].subject, name).not.toBe(de[name].subject);
      expect(en[name].text, name).not.toBe(de[name].text);
      expect(en[name].html, name).toContain('<html lang="en">');
    }
    expect(new Set(Object.values(de).map((m) => m.subject)).size).toBe(6);
  });

  it('list the lenders a request went to, in singular and plural', () => {
    const one = requestDispatched({ ...base, amount: '50000', lenderNames: ['Volksbank Mittelhessen eG'] });
    expect(one.subject).toBe('Ihre Finanzierungsanfrage ist an einen Finanzierungspartner gegangen');
    expect(one.text).toContain('- Volksbank Mittelhessen eG\n');
    const three = requestDispatched({ ...base, lang: 'en', amount: '50000', lenderNames: ['A', 'B', 'C'] });
    expect(three.subject).toBe('Your financing request went to 3 lenders');
    expect(three.html).toContain('<li style="margin:0 0 4px 0;">B</li>');
  });

  it('tell the borrower when no offer came, and reject a nonsensical count', () => {
    const none = allOffersIn({ ...base, count: 0, bestEffectiveRate: null });
    expect(none.subject).toBe('Zu Ihrer Finanzierungsanfrage liegt kein Angebot vor');
    expect(none.text).toContain('Ihre Beraterin oder Ihr Berater meldet sich');
    expect(allOffersIn({ ...base, count: 1, bestEffectiveRate: '0.0399' }).subject).toBe(
      'Alle Angebote sind da: 1 Angebot, ab 3,99 % effektiv',
    );
    expect(() => allOffersIn({ ...base, count: -1, bestEffectiveRate: null })).toThrow(RangeError);
    expect(() => allOffersIn({ ...base, count: 1.5, bestEffectiveRate: null })).toThrow(RangeError);
  });

  it('greet by name and keep names on one line', () => {
    const mail = advisorMessage({ ...base, recipientName: 'Anna\r\nBcc: x@y.de', advisorName: 'Max\nMuster', excerpt: 'Hallo' });
    expect(mail.text.startsWith('Guten Tag Anna Bcc: x@y.de,\n')).toBe(true);
    expect(mail.subject).toBe('Neue Nachricht von Max Muster');
    expect(advisorMessage({ ...base, lang: 'en', advisorName: 'Max', excerpt: 'Hi' }).text.startsWith('Hello,\n')).toBe(true);
  });

  it('quote the advisor message with its line breaks, shortened to 500 characters', () => {
    const mail = advisorMessage({ ...base, advisorName: 'Max Muster', excerpt: 'Zeile 1\r\nZeile <2>' });
    expect(mail.html).toContain('Zeile 1<br>Zeile &lt;2&gt;</blockquote>');
    expect(mail.text).toContain('> Zeile 1\n> Zeile <2>\n');
    const long = advisorMessage({ ...base, advisorName: 'Max', excerpt: '€'.repeat(600) });
    expect(long.text).toContain(`> ${'€'.repeat(500)} …\n`);
    expect(long.text).not.toContain('€'.repeat(501));
  });
});
