import { describe, expect, it } from 'vitest';
import de from './advisor.de.json';
import en from './advisor.en.json';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('advisor workspace translations', () => {
  it('has every German key in English too, and no empty text', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
    const values = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'object' ? values(v) : [v]));
    expect([...values(de), ...values(en)].filter((v) => v.trim() === '')).toEqual([]);
  });
});
