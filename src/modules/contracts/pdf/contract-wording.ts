/**
 * The German words of the contract: names of the parties and the contract by kind, labels of
 * amortization types, day counts and fee timings, and German names of common fee types.
 */
import type { Amortization, DayCount, FeeTiming } from '../../finance/index.js';
import type { ContractKind } from './contract-document.types.js';

export interface KindWords {
  /** "Darlehensvertrag" */
  contract: string;
  /** "Darlehensgeber" */
  lender: string;
  /** "Darlehensnehmer" */
  borrower: string;
  /** "Darlehensbetrag" */
  amount: string;
  /** "Darlehen" */
  credit: string;
  /** "ein Darlehen" */
  creditWithArticle: string;
  /** "dieses Darlehen" */
  creditWithDemonstrative: string;
}

export const KIND_WORDS: Record<ContractKind, KindWords> = {
  loan: {
    contract: 'Darlehensvertrag',
    lender: 'Darlehensgeber',
    borrower: 'Darlehensnehmer',
    amount: 'Darlehensbetrag',
    credit: 'Darlehen',
    creditWithArticle: 'ein Darlehen',
    creditWithDemonstrative: 'dieses Darlehen',
  },
  financing: {
    contract: 'Finanzierungsvertrag',
    lender: 'Finanzierungsgeber',
    borrower: 'Finanzierungsnehmer',
    amount: 'Finanzierungsbetrag',
    credit: 'Finanzierung',
    creditWithArticle: 'eine Finanzierung',
    creditWithDemonstrative: 'diese Finanzierung',
  },
};

export const AMORTIZATION_LABELS: Record<Amortization, string> = {
  annuity: 'Annuitätendarlehen (gleichbleibende Rate aus Zins und Tilgung)',
  linear: 'Ratentilgung (gleichbleibende Tilgung, sinkende Raten)',
  bullet: 'Endfällig (monatlich nur Zinsen, Tilgung mit der letzten Rate)',
};

export const DAY_COUNT_LABELS: Record<DayCount, string> = {
  '30/360': '30/360 (Monat zu 30 Tagen, Jahr zu 360 Tagen)',
  'act/365': 'act/365 (taggenau, Jahr zu 365 Tagen)',
};

export const FEE_TIMING_LABELS: Record<FeeTiming, string> = {
  upfront: 'bei Auszahlung',
  first_instalment: 'mit der ersten Rate',
  financed: 'mitfinanziert',
};

/** German names of fee types the platform uses; any other type is shown as given. */
const FEE_TYPE_LABELS: Record<string, string> = {
  arrangement: 'Bearbeitungsentgelt',
  processing: 'Bearbeitungsentgelt',
  commitment: 'Bereitstellungsprovision',
  appraisal: 'Wertermittlungsentgelt',
  valuation: 'Wertermittlungsentgelt',
  guarantee: 'Bürgschaftsentgelt',
  account: 'Kontoführungsentgelt',
  notary: 'Notar- und Registerkosten',
};

export function feeTypeLabel(type: string): string {
  return FEE_TYPE_LABELS[type.trim().toLowerCase()] ?? type;
}

/** Legal forms spelled out where the code's short key is not what a contract says. */
export function legalFormLabel(legalForm: string): string {
  return legalForm === 'freelancer' ? 'Freiberufler' : legalForm;
}
