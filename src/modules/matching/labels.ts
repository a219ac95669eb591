/** Human names (German first, English second) of the engine's vocabulary, for reasons and UI. */
import type { FederalState, LegalForm, LocalizedText, Product } from './matching.types.js';

export const PRODUCT_LABELS: Readonly<Record<Product, LocalizedText>> = {
  working_capital_loan: { de: 'Betriebsmittelkredit', en: 'working capital loan' },
  investment_loan: { de: 'Investitionskredit', en: 'investment loan' },
  real_estate_loan: { de: 'Immobilienfinanzierung', en: 'real estate loan' },
  leasing: { de: 'Leasing', en: 'leasing' },
  factoring: { de: 'Factoring', en: 'factoring' },
  purchase_financing: { de: 'Einkaufsfinanzierung', en: 'purchase financing' },
  mezzanine: { de: 'Mezzanine-Kapital', en: 'mezzanine capital' },
  promotional_loan: { de: 'Förderkredit', en: 'promotional loan' },
};

export const LEGAL_FORM_LABELS: Readonly<Record<LegalForm, LocalizedText>> = {
  GmbH: { de: 'GmbH', en: 'GmbH' },
  UG: { de: 'UG (haftungsbeschränkt)', en: 'UG (limited liability)' },
  AG: { de: 'AG', en: 'AG' },
  KG: { de: 'KG', en: 'KG' },
  'GmbH & Co. KG': { de: 'GmbH & Co. KG', en: 'GmbH & Co. KG' },
  OHG: { de: 'OHG', en: 'OHG' },
  GbR: { de: 'GbR', en: 'GbR' },
  'e.K.': { de: 'e.K.', en: 'e.K.' },
  Einzelunternehmen: { de: 'Einzelunternehmen', en: 'sole proprietorship' },
  eG: { de: 'eG', en: 'eG (cooperative)' },
  PartG: { de: 'PartG', en: 'PartG (partnership company)' },
  freelancer: { de: 'Freiberufler', en: 'freelancer' },
};

export const FEDERAL_STATE_LABELS: Readonly<Record<FederalState, LocalizedText>> = {
  BW: { de: 'Baden-Württemberg', en: 'Baden-Württemberg' },
  BY: { de: 'Bayern', en: 'Bavaria' },
  BE: { de: 'Berlin', en: 'Berlin' },
  BB: { de: 'Brandenburg', en: 'Brandenburg' },
  HB: { de: 'Bremen', en: 'Bremen' },
  HH: { de: 'Hamburg', en: 'Hamburg' },
  HE: { de: 'Hessen', en: 'Hesse' },
  MV: { de: 'Mecklenburg-Vorpommern', en: 'Mecklenburg-Western Pomerania' },
  NI: { de: 'Niedersachsen', en: 'Lower Saxony' },
  NW: { de: 'Nordrhein-Westfalen', en: 'North Rhine-Westphalia' },
  RP: { de: 'Rheinland-Pfalz', en: 'Rhineland-Palatinate' },
  SL: { de: 'Saarland', en: 'Saarland' },
  SN: { de: 'Sachsen', en: 'Saxony' },
  ST: { de: 'Sachsen-Anhalt', en: 'Saxony-Anhalt' },
  SH: { de: 'Schleswig-Holstein', en: 'Schleswig-Holstein' },
  TH: { de: 'Thüringen', en: 'Thuringia' },
};
