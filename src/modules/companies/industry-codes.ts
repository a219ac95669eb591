import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * WZ 2008 (the German edition of NACE Rev. 2) down to the 4-digit class, with German and English labels.
 * Source: reference/wz2008.tsv (see its README); where no German label is known the English one is shown.
 */
export interface IndustryCode {
  code: string;
  level: 'section' | 'division' | 'group' | 'class';
  section: string;
  labelDe: string;
  labelEn: string;
}

const FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../reference/wz2008.tsv');

let codes: Map<string, IndustryCode> | undefined;

export function industryCodes(): Map<string, IndustryCode> {
  if (codes) return codes;
  const lines = fs.readFileSync(FILE, 'utf8').trim().split('\n').slice(1);
  codes = new Map();
  for (const line of lines) {
    const [code, level, section, labelDe, labelEn] = line.split('\t');
    codes.set(code, { code, level: level as IndustryCode['level'], section, labelDe: labelDe || labelEn, labelEn });
  }
  return codes;
}

export function findIndustryCode(code: string): IndustryCode | undefined {
  return industryCodes().get(code);
}
