import { describe, expect, it } from 'vitest';
import de from './documents.de.json';
import en from './documents.en.json';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('documents translations', () => {
  it('has every German key in English and no empty text', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
    for (const [lang, texts] of [['de', de], ['en', en]] as const) {
      for (const k of keys(texts)) expect(k.split('.').reduce((o: Record<string, unknown>, p) => o[p] as Record<string, unknown>, texts as Record<string, unknown>), `${lang}:${k}`).not.toBe('');
    }
  });

  it('names every document kind the API knows', () => {
    expect(Object.keys(de.kinds).sort()).toEqual(
      ['annual_statement', 'bwa', 'susa', 'tax_assessment', 'bank_statement', 'asset_offer', 'debtor_list', 'property_docs', 'business_plan', 'id_document', 'other'].sort(),
    );
  });
});
