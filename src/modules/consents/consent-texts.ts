import type { ConsentKind } from './schema.js';

/**
 * The wording a borrower agrees to. A change of wording is a new version; each consent record keeps the
 * version it was given under, so it is always provable what exactly was agreed.
 */
export const CONSENT_TEXTS: Record<ConsentKind, { version: string; de: string; en: string }> = {
  dataProcessing: {
    version: '2026-11-01',
    de: 'Ich willige ein, dass die Kreditplatz-Plattform die Angaben zu meinem Unternehmen und meiner Finanzierungsanfrage zur Prüfung und Vermittlung der Finanzierung verarbeitet (Art. 6 Abs. 1 lit. a und b DSGVO). Ich kann die Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen.',
    en: 'I consent to the Kreditplatz platform processing the data of my company and my financing request in order to assess and broker the financing (Art. 6(1)(a) and (b) GDPR). I may revoke this consent at any time with effect for the future.',
  },
  lenderSharing: {
    version: '2026-11-01',
    de: 'Ich willige ein, dass meine Finanzierungsanfrage mit Unternehmensdaten, Finanzkennzahlen und Unterlagen an die passenden Finanzierungspartner (Banken, Sparkassen, Leasing-, Factoring- und Förderinstitute) übermittelt wird, damit diese ein Angebot erstellen können. An wen übermittelt wurde, sehe ich in meiner Anfrage.',
    en: 'I consent to my financing request, including company data, financial figures and documents, being passed to suitable financing partners (banks, savings banks, leasing, factoring and promotional institutions) so that they can make an offer. I can see in my request to whom it was sent.',
  },
  marketing: {
    version: '2026-11-01',
    de: 'Ich möchte per E-Mail über neue Finanzierungsangebote, Förderprogramme und Veranstaltungen informiert werden. Abmeldung jederzeit möglich.',
    en: 'I would like to receive e-mails about new financing offers, promotional programmes and events. I can unsubscribe at any time.',
  },
};
