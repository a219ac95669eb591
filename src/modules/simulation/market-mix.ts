/**
 * The mix of the simulated market: how often each federal state, industry, legal form, product and
 * term occurs, and the purposes borrowers write. Rough shares of German SMEs (Destatis
 * Unternehmensregister, KfW-Mittelstandspanel) — plausible, not calibrated statistics.
 */
import type { FederalState, LegalForm, Product } from '../matching/index.js';

export type Weighted<T> = readonly (readonly [T, number])[];

/** State, a few real postcodes in it, share of SMEs in percent. */
export const STATES: Weighted<readonly [FederalState, readonly string[]]> = [
  [['NW', ['40210', '44135', '45127', '48143', '50667', '52062', '33602', '57072']], 21],
  [['BY', ['80331', '81675', '86150', '90402', '93047', '97070', '84028', '95444']], 17],
  [['BW', ['70173', '68159', '76133', '79098', '89073', '72070', '74072', '88212']], 14],
  [['NI', ['30159', '38100', '49074', '26122', '37073', '21335', '27472', '31134']], 9],
  [['HE', ['60311', '65183', '64283', '34117', '35390', '36037', '63065', '61348']], 8],
  [['SN', ['01067', '04109', '09111', '02826', '08056', '01587']], 5],
  [['RP', ['55116', '56068', '67059', '54290', '66953', '67655']], 5],
  [['BE', ['10115', '10969', '12043', '13353', '14193']], 5],
  [['SH', ['24103', '23552', '25813', '24937', '25335']], 3],
  [['BB', ['14467', '03046', '15230', '16816', '14770']], 3],
  [['ST', ['39104', '06108', '06844', '38820', '39576']], 2],
  [['TH', ['99084', '07743', '98527', '99423', '07545']], 2],
  [['HH', ['20095', '22767', '21073', '22297']], 3],
  [['MV', ['18055', '19053', '17489', '23966', '17033']], 2],
  [['SL', ['66111', '66538', '66740', '66424']], 1],
  [['HB', ['28195', '28217', '28759']], 1],
];

/** WZ 2008 classes of typical SMEs (every one exists in reference/wz2008.tsv; a test checks it). */
export const INDUSTRIES: readonly string[] = [
  '01.11', '01.50', '10.11', '10.71', '11.05', '16.10', '22.29', '23.61', '25.11', '25.62', '25.73',
  '26.51', '28.22', '28.41', '29.32', '33.12', '35.11', '38.11', '41.20', '43.21', '43.22', '45.20', '46.46', '46.69', '47.11',
  '47.73', '47.91', '49.41', '52.29', '55.10', '56.10', '62.01', '62.02', '68.20', '69.20', '71.12', '73.11', '75.00',
  '77.32', '86.21', '86.23', '87.10', '93.13', '95.11', '96.02',
];

export const LEGAL_FORMS_MIX: Weighted<LegalForm> = [
  ['GmbH', 45], ['GmbH & Co. KG', 12], ['UG', 8], ['e.K.', 8], ['Einzelunternehmen', 8], ['AG', 3], ['KG', 4], ['OHG', 2],
  ['GbR', 4], ['freelancer', 4], ['PartG', 1], ['eG', 1],
];

export const PRODUCTS_MIX: Weighted<Product> = [
  ['investment_loan', 30], ['working_capital_loan', 25], ['leasing', 14], ['real_estate_loan', 10], ['factoring', 8],
  ['purchase_financing', 5], ['promotional_loan', 6], ['mezzanine', 2],
];

/** Typical amount as a share of annual revenue (median of a log-normal spread), per product. */
export const AMOUNT_TO_REVENUE: Record<Product, number> = {
  investment_loan: 0.12,
  working_capital_loan: 0.08,
  leasing: 0.06,
  real_estate_loan: 0.3,
  factoring: 0.1,
  purchase_financing: 0.05,
  promotional_loan: 0.1,
  mezzanine: 0.15,
};

export const TERMS: Record<Product, readonly number[]> = {
  investment_loan: [36, 48, 60, 72, 84, 96, 120],
  working_capital_loan: [6, 12, 24, 36],
  leasing: [36, 48, 54, 60],
  real_estate_loan: [120, 180, 240, 300],
  factoring: [6, 12, 24],
  purchase_financing: [12, 24, 36],
  promotional_loan: [60, 84, 120],
  mezzanine: [60, 84],
};

export const PURPOSES: Record<Product, readonly string[]> = {
  investment_loan: ['Neue Produktionsmaschine', 'Erweiterung der Fertigungslinie', 'Fuhrpark-Erneuerung', 'Digitalisierung der Auftragsabwicklung'],
  working_capital_loan: ['Vorfinanzierung eines Großauftrags', 'Saisonaler Betriebsmittelbedarf', 'Lageraufbau vor der Hauptsaison'],
  leasing: ['Leasing eines Transporters', 'Leasing einer CNC-Maschine', 'IT-Ausstattung für neue Arbeitsplätze'],
  real_estate_loan: ['Kauf der bisher gemieteten Gewerbehalle', 'Neubau eines Bürogebäudes', 'Erweiterung des Lagers'],
  factoring: ['Ankauf laufender Kundenforderungen', 'Liquidität aus Forderungen gegen Großkunden'],
  purchase_financing: ['Finanzierung des Wareneinkaufs', 'Einkauf von Rohmaterial'],
  promotional_loan: ['Energieeffizienz-Investition (Förderkredit)', 'Gründungsnahe Investition mit Förderprogramm'],
  mezzanine: ['Wachstumsfinanzierung', 'Nachfolgeregelung'],
};

export function pickWeighted<T>(draw: number, items: Weighted<T>): T {
  let total = 0;
  for (const [, w] of items) total += w;
  let x = draw * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1][0];
}
