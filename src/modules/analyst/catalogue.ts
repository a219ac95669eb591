/**
 * The catalogue of the analyst views (schema `analyst`, created by migrations 0009_analyst_views and
 * 0011_analyst_views_2): every view
 * and every column with a German and an English description and the column's type. The HTTP API serves it,
 * the CSV export and the JSON preview format values by its types, and a test checks it against the database
 * in both directions, so a view nobody described cannot appear and a description of a vanished column fails.
 */

/** How a column's values travel: JSON type in previews, text in CSV (decimals, ids and times always as strings). */
export const COLUMN_TYPES = ['text', 'uuid', 'integer', 'bigint', 'boolean', 'decimal', 'timestamp', 'date', 'json'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

export interface Text {
  de: string;
  en: string;
}

export interface ViewColumn {
  name: string;
  type: ColumnType;
  description: Text;
}

export interface AnalystView {
  name: string;
  description: Text;
  /** Columns that order the rows uniquely: stable pages in the preview, stable exports. */
  orderBy: string[];
  columns: ViewColumn[];
}

const col = (name: string, type: ColumnType, de: string, en: string): ViewColumn => ({ name, type, description: { de, en } });

// Columns that recur across views, described once.
const companyKey = col('company_key', 'text', 'Pseudonym des Unternehmens (c_…), stabil je Installation', 'Pseudonym of the company (c_…), stable per installation');
const requestId = col('request_id', 'uuid', 'ID der Finanzierungsanfrage', 'Id of the financing request');
const lenderId = col('lender_id', 'uuid', 'ID des Finanzierungspartners (Sicht lenders)', 'Id of the lender (view lenders)');
const userKey = (name: string, de: string, en: string) => col(name, 'text', `${de} (Pseudonym u_…)`, `${en} (pseudonym u_…)`);
const createdAt = col('created_at', 'timestamp', 'Angelegt am (UTC)', 'Created at (UTC)');
const updatedAt = col('updated_at', 'timestamp', 'Zuletzt geändert (UTC)', 'Last changed (UTC)');
const eur = (name: string, de: string, en: string) => col(name, 'decimal', `${de} in EUR`, `${en} in EUR`);
const simulated = (de: string, en: string) =>
  col('simulated', 'boolean', `${de} gehört zur simulierten Markthistorie (Marktsimulator), nicht zum echten Geschäft`, `${en} belongs to the simulated market history (market simulator), not to real business`);

export const ANALYST_VIEWS: AnalystView[] = [
  {
    name: 'companies',
    description: {
      de: 'Unternehmensprofile. Name nur bei juristischen Personen und Handelsgesellschaften; bei Einzelunternehmen, e.K., Freiberuflern, GbR und PartG ist er personenbezogen und fehlt. Keine Anschrift, PLZ auf 2 Stellen, Gründung auf das Jahr gekürzt.',
      en: 'Company profiles. Name only for legal entities and commercial partnerships; for sole traders, e.K., freelancers, GbR and PartG it names people and is withheld. No address, postcode cut to 2 digits, founding date to the year.',
    },
    orderBy: ['company_key'],
    columns: [
      companyKey,
      userKey('owner_key', 'Registrierende Person', 'Person who registered it'),
      col('company_name', 'text', 'Firmenname (leer, wenn personenbezogen)', 'Company name (empty when it names a person)'),
      col('name_withheld', 'boolean', 'Name zurückgehalten, weil die Rechtsform ihn personenbezogen macht', 'Name withheld because the legal form makes it personal'),
      col('legal_form', 'text', 'Rechtsform (GmbH, UG, AG, KG, …)', 'Legal form (GmbH, UG, AG, KG, …)'),
      col('industry_code', 'text', 'Branche nach WZ 2008', 'Industry (WZ 2008 = NACE Rev. 2)'),
      col('federal_state', 'text', 'Bundesland (ISO 3166-2:DE, ohne „DE-“)', 'Federal state (ISO 3166-2:DE suffix)'),
      col('postal_region', 'text', 'Postleitregion: erste 2 Ziffern der PLZ', 'Postal region: first 2 digits of the postcode'),
      col('founded_year', 'integer', 'Gründungsjahr', 'Year founded'),
      col('employees', 'integer', 'Beschäftigte', 'Employees'),
      eur('annual_revenue', 'Jahresumsatz laut Profil', 'Annual revenue as stated in the profile'),
      col('has_register_entry', 'boolean', 'Handelsregisternummer angegeben', 'Commercial register number given'),
      col('has_vat_number', 'boolean', 'USt-IdNr. angegeben', 'VAT number given'),
      createdAt,
      updatedAt,
      simulated('Das Unternehmen', 'The company'),
    ],
  },
  {
    name: 'users',
    description: { de: 'Nutzerkonten aller Rollen, ohne Name, E-Mail und Passwort.', en: 'User accounts of every role, without name, e-mail and password.' },
    orderBy: ['user_key'],
    columns: [
      userKey('user_key', 'Nutzer', 'User'),
      col('role', 'text', 'Rolle (borrower, advisor, lender, partner, analyst, admin)', 'Role (borrower, advisor, lender, partner, analyst, admin)'),
      col('created_at', 'timestamp', 'Registriert am (UTC)', 'Registered at (UTC)'),
      col('deactivated', 'boolean', 'Von der Administration deaktiviert (Anmeldung gesperrt)', 'Deactivated by an admin (cannot sign in)'),
      col('deactivated_at', 'timestamp', 'Deaktiviert seit (UTC; leer = aktiv)', 'Deactivated since (UTC; empty = active)'),
    ],
  },
  {
    name: 'sign_ins',
    description: { de: 'Anmeldungen (bestehende Sitzungen), ohne Sitzungsschlüssel, IP-Adresse und Browser.', en: 'Sign-ins (existing sessions), without session token, IP address and browser.' },
    orderBy: ['signed_in_at', 'user_key', 'expires_at'],
    columns: [
      userKey('user_key', 'Nutzer', 'User'),
      col('role', 'text', 'Rolle des Nutzers', 'Role of the user'),
      col('signed_in_at', 'timestamp', 'Angemeldet am (UTC)', 'Signed in at (UTC)'),
      col('expires_at', 'timestamp', 'Sitzung läuft ab (UTC)', 'Session expires (UTC)'),
    ],
  },
  {
    name: 'consents',
    description: { de: 'Einwilligungen, nur anfügend: ein Widerruf ist ein neuer Datensatz; gültig ist der jüngste je Unternehmen und Art.', en: 'Consents, append-only: a revocation is a new record; the newest per company and kind is in force.' },
    orderBy: ['given_at', 'consent_id'],
    columns: [
      col('consent_id', 'uuid', 'ID des Einwilligungsdatensatzes', 'Id of the consent record'),
      companyKey,
      col('kind', 'text', 'Art (dataProcessing, lenderSharing, marketing)', 'Kind (dataProcessing, lenderSharing, marketing)'),
      col('granted', 'boolean', 'Erteilt (true) oder widerrufen (false)', 'Granted (true) or revoked (false)'),
      col('text_version', 'text', 'Version des Einwilligungstexts', 'Version of the consent text'),
      userKey('given_by_key', 'Erklärt von', 'Given by'),
      col('given_at', 'timestamp', 'Erklärt am (UTC)', 'Given at (UTC)'),
    ],
  },
  {
    name: 'financing_requests',
    description: { de: 'Finanzierungsanfragen mit Produkt, Betrag, Laufzeit und Status; der frei formulierte Verwendungszweck fehlt.', en: 'Financing requests with product, amount, term and status; the free-text purpose is withheld.' },
    orderBy: ['request_id'],
    columns: [
      requestId,
      companyKey,
      userKey('created_by_key', 'Angelegt von', 'Created by'),
      col('product', 'text', 'Produkt (investment_loan, working_capital_loan, leasing, …)', 'Product (investment_loan, working_capital_loan, leasing, …)'),
      eur('amount', 'Gewünschter Betrag', 'Requested amount'),
      col('term_months', 'integer', 'Gewünschte Laufzeit in Monaten', 'Requested term in months'),
      col('status', 'text', 'Aktueller Status im Lebenszyklus', 'Current lifecycle status'),
      col('submitted_at', 'timestamp', 'Eingereicht am (UTC)', 'Submitted at (UTC)'),
      createdAt,
      updatedAt,
      simulated('Die Anfrage', 'The request'),
    ],
  },
  {
    name: 'request_history',
    description: { de: 'Jeder Statuswechsel einer Anfrage mit Zeitpunkt und Auslöser; Grundlage der Service-Level.', en: 'Every status change of a request with time and trigger; the basis of the service levels.' },
    orderBy: ['history_id'],
    columns: [
      col('history_id', 'bigint', 'Laufende Nummer des Wechsels', 'Sequence number of the change'),
      requestId,
      col('from_status', 'text', 'Status vorher (leer beim Anlegen)', 'Status before (empty on creation)'),
      col('to_status', 'text', 'Status nachher', 'Status after'),
      col('at', 'timestamp', 'Zeitpunkt (UTC)', 'Time (UTC)'),
      userKey('actor_key', 'Auslösende Person (leer bei der Plattform)', 'Person who triggered it (empty for the platform)'),
      col('actor_role', 'text', 'Rolle des Auslösers (system für die Plattform)', 'Role of the trigger (system for the platform)'),
      col('has_reason', 'boolean', 'Eine Begründung wurde erfasst (Freitext zurückgehalten)', 'A reason was recorded (free text withheld)'),
    ],
  },
  {
    name: 'financial_statements',
    description: { de: 'Jahresabschlusszahlen je Unternehmen und Geschäftsjahr.', en: 'Financial statement figures per company and fiscal year.' },
    orderBy: ['company_key', 'fiscal_year'],
    columns: [
      companyKey,
      col('fiscal_year', 'integer', 'Geschäftsjahr', 'Fiscal year'),
      eur('revenue', 'Umsatz', 'Revenue'),
      eur('ebitda', 'EBITDA', 'EBITDA'),
      eur('ebit', 'EBIT', 'EBIT'),
      eur('interest_expense', 'Zinsaufwand', 'Interest expense'),
      eur('net_income', 'Jahresüberschuss', 'Net income'),
      eur('total_assets', 'Bilanzsumme', 'Total assets'),
      eur('equity', 'Eigenkapital', 'Equity'),
      eur('liabilities_short_term', 'Kurzfristige Verbindlichkeiten', 'Short-term liabilities'),
      eur('liabilities_long_term', 'Langfristige Verbindlichkeiten', 'Long-term liabilities'),
      eur('cash', 'Liquide Mittel', 'Cash'),
      eur('current_assets', 'Umlaufvermögen', 'Current assets'),
      eur('current_liabilities', 'Kurzfristiges Fremdkapital (für Liquidität 2. Grades)', 'Current liabilities'),
      col('source', 'text', 'Herkunft (manual, csv)', 'Source (manual, csv)'),
      updatedAt,
    ],
  },
  {
    name: 'ratings',
    description: { de: 'Ratings von Anfragen: Klasse 1 (beste) bis 10, Ausfallwahrscheinlichkeit, Kennzahlen und Treiber, wie zum Zeitpunkt berechnet.', en: 'Ratings of requests: class 1 (best) to 10, probability of default, ratios and drivers, as computed at the time.' },
    orderBy: ['rating_id'],
    columns: [
      col('rating_id', 'uuid', 'ID des Ratings', 'Id of the rating'),
      requestId,
      companyKey,
      col('rating_class', 'integer', 'Ratingklasse 1–10', 'Rating class 1–10'),
      col('probability_of_default', 'decimal', 'Einjährige Ausfallwahrscheinlichkeit (Dezimalbruch)', 'One-year probability of default (decimal fraction)'),
      col('score', 'decimal', 'Scorecard-Punkte', 'Scorecard points'),
      col('fiscal_year', 'integer', 'Geschäftsjahr der verwendeten Zahlen (leer ohne Zahlen)', 'Fiscal year of the figures used (empty without figures)'),
      col('ratios', 'json', 'Kennzahlen mit Wert und Ampel (JSON)', 'Ratios with value and traffic light (JSON)'),
      col('drivers', 'json', 'Treiber des Ergebnisses (JSON)', 'Drivers of the result (JSON)'),
      col('missing', 'json', 'Fehlende Angaben (JSON)', 'Missing inputs (JSON)'),
      col('trigger', 'text', 'Anlass (submit, financials)', 'Trigger (submit, financials)'),
      col('computed_at', 'timestamp', 'Berechnet am (UTC)', 'Computed at (UTC)'),
    ],
  },
  {
    name: 'lenders',
    description: { de: 'Finanzierungspartner (Institute sind keine Personen: Name und BIC bleiben); ohne Ansprechpartner, Webhook-Adresse und Geheimnisse.', en: 'Lenders (institutions are not people: name and BIC stay); without contact person, webhook address and secrets.' },
    orderBy: ['lender_id'],
    columns: [
      lenderId,
      col('slug', 'text', 'Stabiler Kurzname', 'Stable short name'),
      col('lender_name', 'text', 'Name des Instituts', 'Name of the institution'),
      col('type', 'text', 'Art (savings_bank, cooperative_bank, private_bank, leasing, factoring, fintech, …)', 'Type (savings_bank, cooperative_bank, private_bank, leasing, factoring, fintech, …)'),
      col('bic', 'text', 'BIC des Instituts', 'BIC of the institution'),
      col('federal_state', 'text', 'Heimat-Bundesland regionaler Institute (leer = bundesweit)', 'Home state of regional institutions (empty = nationwide)'),
      col('demo', 'boolean', 'Demo-Partner mit erfundener Kreditpolitik', 'Demo lender with an invented credit policy'),
      col('active', 'boolean', 'Nimmt Anfragen an', 'Accepts requests'),
      col('current_policy_version', 'integer', 'Gültige Version der Kreditpolitik', 'Credit policy version in force'),
      col('has_webhook', 'boolean', 'Webhook eingerichtet', 'Webhook configured'),
      col('active_api_keys', 'integer', 'Nicht widerrufene API-Schlüssel (Anzahl)', 'Unrevoked API keys (count)'),
      col('portal_users', 'integer', 'Nutzer im Partnerportal (Anzahl)', 'Lender portal users (count)'),
      createdAt,
    ],
  },
  {
    name: 'lender_users',
    description: { de: 'Zuordnung der Nutzer mit Rolle lender zu ihrem Finanzierungspartner.', en: 'Which lender each user of role lender belongs to.' },
    orderBy: ['user_key'],
    columns: [userKey('user_key', 'Nutzer', 'User'), lenderId],
  },
  {
    name: 'credit_policies',
    description: { de: 'Jede Version jeder Kreditpolitik (Kriterien als JSON); Matching-Ergebnisse nennen die verwendete Version.', en: 'Every version of every credit policy (criteria as JSON); match results name the version used.' },
    orderBy: ['lender_id', 'version'],
    columns: [
      lenderId,
      col('version', 'integer', 'Version', 'Version'),
      col('policy', 'json', 'Kriterien der Kreditpolitik (JSON)', 'Credit policy criteria (JSON)'),
      createdAt,
      userKey('created_by_key', 'Geändert von (leer bei der Plattform)', 'Changed by (empty for the platform)'),
    ],
  },
  {
    name: 'commission_rules',
    description: { de: 'Provisionsregel je Partner: Anteil am Betrag mit Minimum und Deckel (fehlt ein Partner, gilt die Standardregel).', en: 'Commission rule per lender: share of the amount with minimum and cap (a lender without a row has the default rule).' },
    orderBy: ['lender_id'],
    columns: [
      lenderId,
      col('rate', 'decimal', 'Anteil am finanzierten Betrag (Dezimalbruch)', 'Share of the financed amount (decimal fraction)'),
      eur('minimum', 'Mindestprovision', 'Minimum commission'),
      eur('cap', 'Höchstprovision (leer = ohne Deckel)', 'Maximum commission (empty = no cap)'),
      updatedAt,
    ],
  },
  {
    name: 'match_runs',
    description: { de: 'Matching-Läufe: eine Bewertung einer Anfrage gegen alle aktiven Partner zu einem Zeitpunkt.', en: 'Match runs: one evaluation of a request against every active lender at one point in time.' },
    orderBy: ['run_id'],
    columns: [
      col('run_id', 'uuid', 'ID des Laufs', 'Id of the run'),
      requestId,
      col('matched_at', 'timestamp', 'Zeitpunkt (UTC)', 'Time (UTC)'),
      col('lender_count', 'integer', 'Bewertete Partner', 'Lenders evaluated'),
      col('eligible_count', 'integer', 'Passende Partner', 'Eligible lenders'),
      col('superseded', 'boolean', 'Durch einen späteren Lauf ersetzt', 'Replaced by a later run'),
      col('trigger', 'text', 'Anlass (submit, rematch)', 'Trigger (submit, rematch)'),
      userKey('actor_key', 'Ausgelöst von (leer bei der Plattform)', 'Triggered by (empty for the platform)'),
    ],
  },
  {
    name: 'match_results',
    description: { de: 'Ergebnis je Lauf und Partner: passend oder nicht, Rang, Score und die Gründe (deutsch und englisch).', en: 'Result per run and lender: eligible or not, rank, score and the reasons (German and English).' },
    orderBy: ['run_id', 'lender_id'],
    columns: [
      col('run_id', 'uuid', 'ID des Laufs (Sicht match_runs)', 'Id of the run (view match_runs)'),
      requestId,
      lenderId,
      col('policy_version', 'integer', 'Verwendete Version der Kreditpolitik', 'Credit policy version used'),
      col('eligible', 'boolean', 'Kreditpolitik erfüllt', 'Credit policy met'),
      col('rank', 'integer', 'Rang unter den passenden (1 = bester; leer wenn unpassend)', 'Rank among the eligible (1 = best; empty when not eligible)'),
      col('score', 'decimal', 'Ranking-Score 0–1', 'Ranking score 0–1'),
      col('score_parts', 'json', 'Bestandteile des Scores (JSON)', 'Parts of the score (JSON)'),
      col('reasons', 'json', 'Nicht erfüllte Kriterien mit Begründung (JSON)', 'Failed criteria with explanation (JSON)'),
      col('notes', 'json', 'Hinweise (JSON)', 'Notes (JSON)'),
    ],
  },
  {
    name: 'dispatches',
    description: { de: 'Versand einer Anfrage an einen Partner und dessen Antwort. Ablehnungsgründe echter Partner sind Freitext und fehlen; die generierten Gründe simulierter Partner sind enthalten.', en: 'A request sent to a lender and its answer. Real lenders\u2019 decline reasons are free text and withheld; the generated reasons of simulated lenders are included.' },
    orderBy: ['dispatch_id'],
    columns: [
      col('dispatch_id', 'uuid', 'ID des Versands', 'Id of the dispatch'),
      requestId,
      lenderId,
      col('match_run_id', 'uuid', 'Matching-Lauf, auf dem der Versand beruht', 'Match run the dispatch is based on'),
      col('rank', 'integer', 'Rang des Partners im Lauf', 'Rank of the lender in the run'),
      col('status', 'text', 'Status (sent, offered, declined)', 'Status (sent, offered, declined)'),
      col('dispatched_at', 'timestamp', 'Versendet am (UTC)', 'Sent at (UTC)'),
      col('responded_at', 'timestamp', 'Beantwortet am (UTC)', 'Answered at (UTC)'),
      col('has_decline_reason', 'boolean', 'Ablehnung mit Begründung', 'Declined with a reason'),
      col('simulated_decline_reason', 'text', 'Ablehnungsgrund eines simulierten (Demo-)Partners', 'Decline reason of a simulated (demo) lender'),
      simulated('Der Versand', 'The dispatch'),
    ],
  },
  {
    name: 'offers',
    description: { de: 'Angebote mit Konditionen und den daraus berechneten Vergleichszahlen; Sicherheiten und Bedingungen sind Freitext und nur als vorhanden/nicht vorhanden enthalten.', en: 'Offers with their terms and the comparison figures computed from them; collateral and conditions are free text and only flagged as present or not.' },
    orderBy: ['offer_id'],
    columns: [
      col('offer_id', 'uuid', 'ID des Angebots', 'Id of the offer'),
      requestId,
      lenderId,
      col('dispatch_id', 'uuid', 'Versand, auf den geantwortet wurde', 'Dispatch answered'),
      eur('amount', 'Angebotener Betrag', 'Amount offered'),
      col('nominal_rate', 'decimal', 'Sollzins p. a. (Dezimalbruch)', 'Nominal annual rate (decimal fraction)'),
      col('term_months', 'integer', 'Laufzeit in Monaten', 'Term in months'),
      col('amortization', 'text', 'Tilgung (annuity, linear, bullet)', 'Repayment (annuity, linear, bullet)'),
      col('grace_months', 'integer', 'Tilgungsfreie Monate', 'Grace months'),
      col('fees', 'json', 'Gebühren: Art, Betrag, Fälligkeit (JSON)', 'Fees: type, amount, when (JSON)'),
      col('has_collateral', 'boolean', 'Sicherheiten verlangt', 'Collateral required'),
      col('has_conditions', 'boolean', 'Weitere Bedingungen genannt', 'Further conditions stated'),
      col('valid_until', 'date', 'Gültig bis', 'Valid until'),
      col('status', 'text', 'Status (open, accepted, declined, withdrawn)', 'Status (open, accepted, declined, withdrawn)'),
      col('calculated_from', 'date', 'Beginn des berechneten Tilgungsplans', 'Start of the computed schedule'),
      col('effective_annual_rate', 'decimal', 'Effektiver Jahreszins inkl. Gebühren (Dezimalbruch)', 'Effective annual rate incl. fees (decimal fraction)'),
      eur('instalment', 'Rate (erste reguläre)', 'Instalment (first regular)'),
      eur('total_interest', 'Zinsen gesamt', 'Total interest'),
      eur('total_fees', 'Gebühren gesamt', 'Total fees'),
      eur('total_cost', 'Gesamtkosten', 'Total cost'),
      eur('commission', 'Provision der Plattform bei Abschluss', 'Platform commission if signed'),
      createdAt,
      col('decided_at', 'timestamp', 'Entschieden am (UTC)', 'Decided at (UTC)'),
      simulated('Das Angebot', 'The offer'),
    ],
  },
  {
    name: 'contracts',
    description: { de: 'Verträge angenommener Angebote, ohne Dokumentinhalte.', en: 'Contracts of accepted offers, without document contents.' },
    orderBy: ['contract_id'],
    columns: [
      col('contract_id', 'uuid', 'ID des Vertrags', 'Id of the contract'),
      requestId,
      col('offer_id', 'uuid', 'Angenommenes Angebot', 'Accepted offer'),
      lenderId,
      col('status', 'text', 'Status (awaiting_signatures, signed, cancelled)', 'Status (awaiting_signatures, signed, cancelled)'),
      createdAt,
      col('signed_at', 'timestamp', 'Von beiden Seiten unterschrieben am (UTC)', 'Signed by both parties at (UTC)'),
    ],
  },
  {
    name: 'contract_signatures',
    description: { de: 'Unterschriften je Vertrag und Partei, ohne Name, E-Mail und IP-Adresse der Unterzeichnenden.', en: 'Signatures per contract and party, without signer name, e-mail and IP address.' },
    orderBy: ['contract_id', 'party'],
    columns: [
      col('contract_id', 'uuid', 'ID des Vertrags', 'Id of the contract'),
      col('party', 'text', 'Partei (borrower, lender)', 'Party (borrower, lender)'),
      userKey('signer_key', 'Unterzeichnende Person (leer bei Partnersystemen)', 'Signer (empty for lender systems)'),
      col('signed_at', 'timestamp', 'Unterschrieben am (UTC)', 'Signed at (UTC)'),
      col('method', 'text', 'Signaturverfahren', 'Signature method'),
    ],
  },
  {
    name: 'commissions',
    description: { de: 'Provisionsbuch: ein Eintrag je unterschriebenem Vertrag, gebucht am Berliner Datum der Unterschrift.', en: 'Commission ledger: one entry per signed contract, booked on the Berlin date of signing.' },
    orderBy: ['entry_id'],
    columns: [
      col('entry_id', 'uuid', 'ID der Buchung', 'Id of the entry'),
      col('contract_id', 'uuid', 'ID des Vertrags', 'Id of the contract'),
      lenderId,
      eur('commission', 'Provision', 'Commission'),
      eur('financed_amount', 'Finanzierter Betrag', 'Financed amount'),
      col('booked_on', 'date', 'Buchungsdatum (Europe/Berlin)', 'Booking date (Europe/Berlin)'),
      createdAt,
    ],
  },
  {
    name: 'advisor_tasks',
    description: { de: 'Aufgaben der Firmenkundenberater (z. B. kein passender Partner); der Titel ist Freitext und fehlt.', en: 'Advisor tasks (e.g. no lender matched); the title is free text and withheld.' },
    orderBy: ['task_id'],
    columns: [
      col('task_id', 'uuid', 'ID der Aufgabe', 'Id of the task'),
      col('request_id', 'uuid', 'Betroffene Anfrage (leer bei allgemeinen Aufgaben)', 'Request concerned (empty for general tasks)'),
      col('kind', 'text', 'Art (no_match, follow_up, document_missing, borrower_message, custom)', 'Kind (no_match, follow_up, document_missing, borrower_message, custom)'),
      col('status', 'text', 'Status (open, done)', 'Status (open, done)'),
      col('due_at', 'timestamp', 'Fällig am (UTC)', 'Due at (UTC)'),
      userKey('assignee_key', 'Zuständige Person', 'Assignee'),
      createdAt,
      col('done_at', 'timestamp', 'Erledigt am (UTC)', 'Done at (UTC)'),
    ],
  },
  {
    name: 'webhook_deliveries',
    description: { de: 'Zustellung von Ereignissen an die Webhooks der Partner, ohne Adresse, Inhalt und Fehlertexte.', en: 'Deliveries of events to lenders\u2019 webhooks, without address, payload and error texts.' },
    orderBy: ['delivery_id'],
    columns: [
      col('delivery_id', 'uuid', 'ID der Zustellung', 'Id of the delivery'),
      lenderId,
      col('event', 'text', 'Ereignis (request.dispatched, offer.accepted, …)', 'Event (request.dispatched, offer.accepted, …)'),
      col('status', 'text', 'Status (pending, delivered, failed)', 'Status (pending, delivered, failed)'),
      col('attempts', 'integer', 'Versuche', 'Attempts'),
      col('last_status_code', 'integer', 'Letzter HTTP-Status', 'Last HTTP status'),
      createdAt,
      col('delivered_at', 'timestamp', 'Zugestellt am (UTC)', 'Delivered at (UTC)'),
    ],
  },
  {
    name: 'mails',
    description: { de: 'Metadaten der ohne SMTP-Server abgefangenen Mails (Entwicklung, Demo): nur Zeitpunkt und Umfang, keine Adressen, Betreffe oder Inhalte.', en: 'Metadata of mails caught without an SMTP server (development, demo): time and size only, no addresses, subjects or contents.' },
    orderBy: ['received_at', 'mail_id'],
    columns: [
      col('mail_id', 'uuid', 'ID der Mail', 'Id of the mail'),
      col('received_at', 'timestamp', 'Empfangen am (UTC)', 'Received at (UTC)'),
      col('recipient_count', 'integer', 'Anzahl Empfänger', 'Number of recipients'),
      col('attachment_count', 'integer', 'Anzahl Anhänge', 'Number of attachments'),
      col('size_bytes', 'integer', 'Größe in Bytes', 'Size in bytes'),
    ],
  },
  {
    name: 'audit_events',
    description: { de: 'Auditprotokoll ohne Vorher/Nachher-Inhalte: wer (Pseudonym, Rolle) wann was mit welchem Objekt getan hat.', en: 'Audit log without before/after contents: who (pseudonym, role) did what to which entity when.' },
    orderBy: ['event_id'],
    columns: [
      col('event_id', 'bigint', 'Laufende Nummer', 'Sequence number'),
      col('at', 'timestamp', 'Zeitpunkt (UTC)', 'Time (UTC)'),
      userKey('actor_key', 'Handelnde Person (leer bei der Plattform)', 'Acting person (empty for the platform)'),
      col('actor_role', 'text', 'Rolle (system für die Plattform)', 'Role (system for the platform)'),
      col('action', 'text', 'Aktion (z. B. request.submitted)', 'Action (e.g. request.submitted)'),
      col('entity_type', 'text', 'Objektart (company, financing_request, offer, …)', 'Entity type (company, financing_request, offer, …)'),
      col('entity_ref', 'text', 'Objekt: Pseudonym bei company und user, sonst die ID', 'Entity: pseudonym for company and user, otherwise the id'),
    ],
  },
  {
    name: 'documents',
    description: {
      de: 'Hochgeladene Unterlagen, nur Metadaten: Art, Geschäftsjahr, Stichtag, erkannter Dateityp, Größe. Dateiname (nennt oft Personen), Prüfsumme, Speicherort und Inhalt fehlen.',
      en: 'Uploaded documents, metadata only: kind, fiscal year, as-of date, detected file type, size. File name (often names people), checksum, storage location and contents are withheld.',
    },
    orderBy: ['document_id'],
    columns: [
      col('document_id', 'uuid', 'ID der Unterlage', 'Id of the document'),
      companyKey,
      col('request_id', 'uuid', 'Anfrage, zu der sie gehört (leer = gilt für alle Anfragen des Unternehmens)', 'Request it belongs to (empty = serves every request of the company)'),
      col('scope', 'text', 'Geltungsbereich (company, request)', 'Scope (company, request)'),
      col('kind', 'text', 'Art der Unterlage (annual_statement, bwa, …)', 'Kind of document (annual_statement, bwa, …)'),
      col('fiscal_year', 'integer', 'Geschäftsjahr', 'Fiscal year'),
      col('as_of', 'date', 'Stichtag der Zahlen', 'Date the figures refer to'),
      col('detected_type', 'text', 'Am Inhalt erkannter Dateityp (z. B. application/pdf)', 'File type detected from the content (e.g. application/pdf)'),
      col('size_bytes', 'integer', 'Größe in Bytes', 'Size in bytes'),
      userKey('uploaded_by_key', 'Hochgeladen von', 'Uploaded by'),
      col('uploaded_at', 'timestamp', 'Hochgeladen am (UTC)', 'Uploaded at (UTC)'),
    ],
  },
  {
    name: 'ml_models',
    description: {
      de: 'Modellregister: jedes trainierte Modell mit Version, Status, Trainingszeitraum, Merkmalen und Gütemaßen. Die serialisierten Parameter (bei Boosting-Bäumen Megabytes) fehlen; nur Verfahren und Größe.',
      en: 'Model registry: every trained model with version, status, training window, features and metrics. The serialised parameters (megabytes for boosted trees) are left out; only the algorithm and their size.',
    },
    orderBy: ['kind', 'version'],
    columns: [
      col('model_id', 'uuid', 'ID des Modells', 'Id of the model'),
      col('kind', 'text', 'Modellart (approval)', 'Model kind (approval)'),
      col('version', 'integer', 'Version je Modellart (1, 2, 3 …)', 'Version per kind (1, 2, 3 …)'),
      col('status', 'text', 'Status (registered, active, inactive, rolled_back)', 'Status (registered, active, inactive, rolled_back)'),
      col('training_from', 'timestamp', 'Trainingsdaten ab (UTC)', 'Training data from (UTC)'),
      col('training_to', 'timestamp', 'Trainingsdaten bis (UTC)', 'Training data until (UTC)'),
      col('features', 'json', 'Eingabespalten und kodierte Merkmale (JSON)', 'Input columns and encoded features (JSON)'),
      col('metrics', 'json', 'Gütemaße auf dem Hold-out: AUC, Brier, Log-Loss, Kalibrierung, Vergleichsmodell (JSON)', 'Hold-out metrics: AUC, Brier, log loss, calibration, baseline (JSON)'),
      col('algorithm', 'text', 'Verfahren (logistic, gbt, blend)', 'Algorithm (logistic, gbt, blend)'),
      col('parameters_bytes', 'integer', 'Größe der serialisierten Parameter in Bytes', 'Size of the serialised parameters in bytes'),
      createdAt,
      userKey('created_by_key', 'Trainiert von (leer bei der Plattform)', 'Trained by (empty for the platform)'),
      col('activated_at', 'timestamp', 'Zuletzt aktiviert am (UTC)', 'Last activated at (UTC)'),
      userKey('activated_by_key', 'Aktiviert von', 'Activated by'),
    ],
  },
  {
    name: 'ml_model_activations',
    description: {
      de: 'Jede Aktivierung und jedes Zurückrollen eines Modells in Reihenfolge; ein Zurückrollen aktiviert das vorher aktive Modell wieder.',
      en: 'Every activation and rollback of a model in order; a rollback re-activates the model active before.',
    },
    orderBy: ['activation_id'],
    columns: [
      col('activation_id', 'bigint', 'Laufende Nummer', 'Sequence number'),
      col('kind', 'text', 'Modellart (approval)', 'Model kind (approval)'),
      col('model_id', 'uuid', 'Aktiviertes Modell (Sicht ml_models)', 'Model activated (view ml_models)'),
      col('version', 'integer', 'Version des aktivierten Modells', 'Version of the model activated'),
      col('action', 'text', 'Aktion (activate, rollback)', 'Action (activate, rollback)'),
      col('at', 'timestamp', 'Zeitpunkt (UTC)', 'Time (UTC)'),
      userKey('actor_key', 'Ausgelöst von (leer bei der Plattform)', 'Triggered by (empty for the platform)'),
    ],
  },
  {
    name: 'case_assignments',
    description: {
      de: 'Wer eine Anfrage (einen Fall) derzeit bearbeitet, wie und wann zugewiesen; der Verlauf steht im Auditprotokoll (entity_type case_assignment).',
      en: 'Who works a request (a case) now, how and when it was assigned; the history is in the audit log (entity_type case_assignment).',
    },
    orderBy: ['request_id'],
    columns: [
      requestId,
      userKey('advisor_key', 'Zuständige Beraterin / zuständiger Berater', 'Advisor in charge'),
      col('method', 'text', 'Art der Zuweisung (round_robin, take, assign)', 'How it was assigned (round_robin, take, assign)'),
      userKey('assigned_by_key', 'Zugewiesen von (leer bei der Plattform)', 'Assigned by (empty for the platform)'),
      col('assigned_at', 'timestamp', 'Zugewiesen am (UTC)', 'Assigned at (UTC)'),
    ],
  },
  {
    name: 'advisor_rotation',
    description: {
      de: 'Stand der automatischen Fallverteilung: je Beraterin/Berater der letzte erhaltene Fall und die Zahl der erhaltenen Fälle.',
      en: 'State of the automatic case rotation: per advisor the last case received and the number of cases received.',
    },
    orderBy: ['advisor_key'],
    columns: [
      userKey('advisor_key', 'Beraterin / Berater', 'Advisor'),
      col('last_sequence', 'bigint', 'Laufende Nummer der letzten Zuweisung (plattformweit)', 'Sequence number of the last assignment (platform-wide)'),
      col('last_assigned_at', 'timestamp', 'Zuletzt einen Fall erhalten am (UTC)', 'Last received a case at (UTC)'),
      col('assigned_count', 'integer', 'Erhaltene Fälle', 'Cases received'),
    ],
  },
  {
    name: 'case_notes',
    description: {
      de: 'Interne Notizen der Beratung zu einem Fall, nur Metadaten: Fall, Verfasser, Zeitpunkt, Länge. Der Notiztext fehlt immer.',
      en: 'Advisors\u2019 internal notes on a case, metadata only: case, author, time, length. The note text is always withheld.',
    },
    orderBy: ['created_at', 'note_id'],
    columns: [
      col('note_id', 'uuid', 'ID der Notiz', 'Id of the note'),
      requestId,
      userKey('author_key', 'Verfasst von', 'Written by'),
      createdAt,
      col('text_length', 'integer', 'Länge des Texts in Zeichen', 'Length of the text in characters'),
    ],
  },
  {
    name: 'request_messages',
    description: {
      de: 'Nachrichten zwischen Kreditnehmer und Beratung zu einer Anfrage, nur Metadaten: Richtung, Absender, gesendet, gelesen, Länge. Der Text fehlt immer.',
      en: 'Messages between borrower and advisors about a request, metadata only: direction, sender, sent, read, length. The text is always withheld.',
    },
    orderBy: ['sent_at', 'message_id'],
    columns: [
      col('message_id', 'uuid', 'ID der Nachricht', 'Id of the message'),
      requestId,
      col('sender_side', 'text', 'Absenderseite (borrower = Kreditnehmer, staff = Beratung)', 'Sending side (borrower, staff = advisors)'),
      userKey('sender_key', 'Absender', 'Sender'),
      col('sent_at', 'timestamp', 'Gesendet am (UTC)', 'Sent at (UTC)'),
      col('read_at', 'timestamp', 'Von der anderen Seite gelesen am (UTC)', 'Read by the other side at (UTC)'),
      col('text_length', 'integer', 'Länge des Texts in Zeichen', 'Length of the text in characters'),
    ],
  },
  {
    name: 'user_invitations',
    description: {
      de: 'Einladungen statt Anfangspasswort: wann angelegt, versendet, gültig bis und angenommen. Ohne E-Mail-Adresse und Einladungsschlüssel.',
      en: 'Invitations instead of an initial password: when created, sent, valid until and accepted. Without e-mail address and invitation token.',
    },
    orderBy: ['created_at', 'invitation_id'],
    columns: [
      col('invitation_id', 'uuid', 'ID der Einladung', 'Id of the invitation'),
      userKey('user_key', 'Eingeladenes Konto', 'Account invited'),
      col('role', 'text', 'Rolle des eingeladenen Kontos', 'Role of the account invited'),
      userKey('invited_by_key', 'Eingeladen von', 'Invited by'),
      createdAt,
      col('sent_at', 'timestamp', 'Versendet am (UTC)', 'Sent at (UTC)'),
      col('expires_at', 'timestamp', 'Gültig bis (UTC)', 'Valid until (UTC)'),
      col('accepted_at', 'timestamp', 'Angenommen am (UTC)', 'Accepted at (UTC)'),
    ],
  },
  {
    name: 'simulation_runs',
    description: {
      de: 'Läufe des Marktsimulators: Startwert, Zeitraum und geschriebene Zeilen der simulierten Historie (erkennbar an simulated = true in companies, financing_requests, dispatches, offers).',
      en: 'Runs of the market simulator: seed, window and rows written of the simulated history (marked simulated = true in companies, financing_requests, dispatches, offers).',
    },
    orderBy: ['created_at', 'run_id'],
    columns: [
      col('run_id', 'uuid', 'ID des Laufs', 'Id of the run'),
      col('seed', 'integer', 'Startwert des Zufallsgenerators', 'Random seed'),
      col('months', 'integer', 'Simulierte Monate', 'Months simulated'),
      col('window_from', 'timestamp', 'Simulierter Zeitraum ab (UTC)', 'Simulated window from (UTC)'),
      col('window_until', 'timestamp', 'Simulierter Zeitraum bis ausschließlich (UTC)', 'Simulated window until, exclusive (UTC)'),
      col('counts', 'json', 'Geschriebene Zeilen je Tabelle (JSON)', 'Rows written per table (JSON)'),
      col('oracle_auc', 'decimal', 'AUC der verborgenen wahren Angebotswahrscheinlichkeiten: Obergrenze jedes Zusagemodells', 'AUC of the hidden true offer probabilities: the ceiling of any approval model'),
      col('duration_ms', 'integer', 'Dauer in Millisekunden', 'Duration in milliseconds'),
      createdAt,
      userKey('created_by_key', 'Gestartet von (leer bei der Plattform)', 'Started by (empty for the platform)'),
    ],
  },
];

const byName = new Map(ANALYST_VIEWS.map((v) => [v.name, v]));

/** The catalogue entry of a view, or undefined: the only way a view name from outside reaches SQL. */
export function findView(name: string): AnalystView | undefined {
  return byName.get(name);
}

/**
 * Column names that would say a view leaks personal data or secrets. Checked per word of a snake_case
 * name (so `ship` is not `ip`), plus word pairs.
 */
export const FORBIDDEN_COLUMN_WORDS = ['email', 'street', 'address', 'phone', 'mobile', 'fax', 'iban', 'password', 'token', 'secret', 'ip', 'agent', 'birthday', 'birth', 'hash', 'pdf', 'html', 'payload', 'url', 'purpose', 'title', 'city'];
export const FORBIDDEN_COLUMN_PAIRS = ['api_key', 'vat_id', 'register_number', 'first_name', 'last_name', 'full_name', 'signer_name', 'contact_name', 'user_name', 'person_name', 'postal_code', 'idempotency_key', 'e_mail', 'mail_address'];

/** Whether a column name looks like personal data or a secret (see the lists above). */
export function looksPersonal(column: string): boolean {
  const words = column.toLowerCase().split('_');
  if (words.some((w) => FORBIDDEN_COLUMN_WORDS.includes(w))) return true;
  return FORBIDDEN_COLUMN_PAIRS.some((p) => `_${column.toLowerCase()}_`.includes(`_${p}_`));
}
