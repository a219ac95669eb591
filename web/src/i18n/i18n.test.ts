import { describe, expect, it } from 'vitest';
import de from './de.json';
import en from './en.json';
import lenderDe from './lender.de.json';
import lenderEn from './lender.en.json';
import adminDe from './admin.de.json';
import adminEn from './admin.en.json';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('translations', () => {
  it('has every German key in English too, and no empty text', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
    expect(keys(lenderEn).sort()).toEqual(keys(lenderDe).sort());
    expect(keys(adminEn).sort()).toEqual(keys(adminDe).sort());
    // The admin area's files extend `admin` of the main files: no key may silently replace one there.
    expect(Object.keys(adminDe).filter((k) => k in de.admin)).toEqual([]);
    for (const k of keys(de)) expect(k.split('.').reduce((o: Record<string, unknown>, p) => o[p] as Record<string, unknown>, de as Record<string, unknown>)).not.toBe('');
  });
});
