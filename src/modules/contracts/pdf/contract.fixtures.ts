/** Sample contract inputs for tests and for looking at the layout (not used by production code). */
import { type ScheduleInput, scheduleWithEffectiveRate } from '../../finance/index.js';
import type { ContractDocumentInput } from './contract-document.types.js';

export interface SampleOptions {
  termMonths?: number;
  amortization?: ScheduleInput['amortization'];
  graceMonths?: number;
  demo?: boolean;
  kind?: ContractDocumentInput['kind'];
  conditions?: string;
  fees?: ScheduleInput['fees'];
}

export const SAMPLE_FEES: NonNullable<ScheduleInput['fees']> = [
  { type: 'arrangement', amount: '1500.00', when: 'upfront' },
  { type: 'Wertgutachten Maschine', amount: '450.00', when: 'first_instalment' },
  { type: 'Bürgschaftsentgelt', amount: '900.00', when: 'financed' },
];

export const SAMPLE_CONDITIONS =
  'Auszahlung nach Vorlage der Rechnung des Maschinenlieferanten und der Sicherungsübereignungsvereinbarung.\n' +
  'Der Darlehensnehmer reicht den Jahresabschluss spätestens neun Monate nach Ende des Geschäftsjahres ein. ' +
  'Die Eigenkapitalquote soll 20 % nicht unterschreiten (Financial Covenant); eine Unterschreitung ist dem Darlehensgeber unverzüglich anzuzeigen.\n' +
  'Sondertilgungen sind einmal jährlich bis zu 10 % des ursprünglichen Darlehensbetrags ohne Vorfälligkeitsentschädigung möglich.';

export function sampleContractInput(options: SampleOptions = {}): ContractDocumentInput {
  const fees = options.fees ?? SAMPLE_FEES;
  const schedule = scheduleWithEffectiveRate({
    amount: '300000.00',
    nominalRate: '0.0485',
    termMonths: options.termMonths ?? 60,
    amortization: options.amortization ?? 'annuity',
    graceMonths: options.graceMonths ?? 0,
    startDate: '2026-12-01',
    fees,
  });
  return {
    kind: options.kind ?? 'loan',
    contractNumber: 'KP-2026-000123',
    issuedAt: '2026-11-27T09:15:00Z',
    offerValidUntil: '2026-12-11',
    demo: options.demo ?? false,
    lender: {
      name: 'Musterbank Süd AG',
      bic: 'MUSTDEMMXXX',
      address: { street: 'Bankplatz 1', postalCode: '80333', city: 'München' },
    },
    borrower: {
      name: 'Beispiel Präzisionstechnik GmbH',
      legalForm: 'GmbH',
      registerNumber: 'HRB 123456',
      registerCourt: 'Amtsgericht München',
      vatId: 'DE123456789',
      address: { street: 'Hauptstraße 1', postalCode: '80331', city: 'München' },
      representedBy: 'Anna Beispiel (Geschäftsführerin)',
    },
    broker: {
      name: 'Kreditplatz',
      address: { street: 'Marktstraße 5', postalCode: '10115', city: 'Berlin' },
      commission: { amount: '3000.00', paidBy: 'lender' },
    },
    purpose: 'Kauf einer 5-Achs-CNC-Fräsmaschine (Investitionskredit)',
    schedule,
    fees,
    collateral: ['Sicherungsübereignung der finanzierten Maschine', 'Selbstschuldnerische Bürgschaft der Geschäftsführerin über 100.000,00 €'],
    conditions: options.conditions ?? SAMPLE_CONDITIONS,
  };
}
