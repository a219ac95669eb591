import { describe, expect, it } from 'vitest';
import { documentChecklist, latestExpectedFiscalYear, monthsBefore, type ChecklistDocument } from './checklist.js';

let n = 0;
const doc = (d: Partial<ChecklistDocument> & Pick<ChecklistDocument, 'kind'>): ChecklistDocument => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  fiscalYear: null,
  asOf: null,
  uploadedOn: '2026-03-10',
  ...d,
});

describe('latest expected fiscal year', () => {
  it('expects last year’s statement only from July on (six months to draw it up, § 264 HGB)', () => {
    expect(latestExpectedFiscalYear('2026-06-30')).toBe(2024);
    expect(latestExpectedFiscalYear('2026-07-01')).toBe(2025);
    expect(latestExpectedFiscalYear('2026-01-01')).toBe(2024);
  });
});

describe('monthsBefore', () => {
  it('subtracts calendar months and clamps to the month’s last day', () => {
    expect(monthsBefore('2026-05-31', 3)).toBe('2026-02-28');
    expect(monthsBefore('2024-05-31', 3)).toBe('2024-02-29');
    expect(monthsBefore('2026-01-15', 1)).toBe('2025-12-15');
    expect(monthsBefore('2026-02-10', 14)).toBe('2024-12-10');
  });
});

describe('document checklist', () => {
  it('asks an investment loan for two annual statements, a current BWA and the asset offer', () => {
    const { checklist, missing } = documentChecklist({ product: 'investment_loan', today: '2026-03-10', documents: [] });
    expect(missing.map((m) => [m.kind, m.fiscalYear])).toEqual([
      ['annual_statement', 2024],
      ['annual_statement', 2023],
      ['bwa', undefined],
      ['asset_offer', undefined],
    ]);
    expect(missing.map((m) => m.label)).toEqual([
      'Jahresabschluss 2024',
      'Jahresabschluss 2023',
      'BWA (Betriebswirtschaftliche Auswertung) (nicht älter als 3 Monate)',
      'Investitionsangebot / Kaufvertrag',
    ]);
    // Optional items are listed, not missing.
    expect(checklist.filter((c) => !c.required).map((c) => c.kind)).toEqual(['susa', 'id_document']);
  });

  it('is satisfied by matching documents and names them', () => {
    const docs = [
      doc({ kind: 'annual_statement', fiscalYear: 2024 }),
      doc({ kind: 'annual_statement', fiscalYear: 2023 }),
      doc({ kind: 'bwa', asOf: '2026-01-31' }),
      doc({ kind: 'asset_offer' }),
    ];
    const { checklist, missing } = documentChecklist({ product: 'investment_loan', today: '2026-03-10', documents: docs });
    expect(missing).toEqual([]);
    expect(checklist.find((c) => c.fiscalYear === 2023)!.documentIds).toEqual([docs[1].id]);
    expect(checklist.find((c) => c.kind === 'bwa')!.documentIds).toEqual([docs[2].id]);
  });

  it('moves the two-year window forward when a newer statement arrives early', () => {
    const docs = [doc({ kind: 'annual_statement', fiscalYear: 2025 }), doc({ kind: 'annual_statement', fiscalYear: 2024 })];
    const { checklist, missing } = documentChecklist({ product: 'investment_loan', today: '2026-03-10', documents: docs });
    expect(checklist.filter((c) => c.kind === 'annual_statement').map((c) => [c.fiscalYear, c.satisfied])).toEqual([
      [2025, true],
      [2024, true],
    ]);
    expect(missing.map((m) => m.kind)).toEqual(['bwa', 'asset_offer']);
    // A statement of the running year is not a closed year and moves nothing.
    const running = documentChecklist({ product: 'investment_loan', today: '2026-03-10', documents: [doc({ kind: 'annual_statement', fiscalYear: 2026 })] });
    expect(running.missing.filter((m) => m.kind === 'annual_statement').map((m) => m.fiscalYear)).toEqual([2024, 2023]);
  });

  it('accepts a BWA up to three months old, by its as-of date or else its upload day (Berlin)', () => {
    const today = '2026-05-31';
    const at = (d: Partial<ChecklistDocument>) =>
      documentChecklist({ product: 'working_capital_loan', today, documents: [doc({ kind: 'bwa', ...d })] }).checklist.find((c) => c.kind === 'bwa')!.satisfied;
    expect(at({ asOf: '2026-02-28' })).toBe(true);
    expect(at({ asOf: '2026-02-27' })).toBe(false);
    expect(at({ asOf: null, uploadedOn: '2026-03-01' })).toBe(true);
    // An old BWA uploaded today is still old.
    expect(at({ asOf: '2025-12-31', uploadedOn: today })).toBe(false);
  });

  it('knows each product: leasing needs the offer, factoring a current debtor list and the last statement, real estate the property documents', () => {
    const req = (product: Parameters<typeof documentChecklist>[0]['product']) =>
      documentChecklist({ product, today: '2026-09-01', documents: [] }).missing.map((m) => (m.fiscalYear ? `${m.kind}:${m.fiscalYear}` : m.kind));
    expect(req('leasing')).toEqual(['asset_offer']);
    expect(req('factoring')).toEqual(['debtor_list', 'annual_statement:2025']);
    expect(req('real_estate_loan')).toEqual(['property_docs', 'annual_statement:2025']);
    expect(req('working_capital_loan')).toEqual(['annual_statement:2025', 'bwa']);
    expect(req('mezzanine')).toEqual(['annual_statement:2025', 'annual_statement:2024', 'bwa', 'business_plan']);
    expect(req('promotional_loan')).toEqual(['annual_statement:2025', 'annual_statement:2024', 'bwa', 'business_plan']);
    expect(req('purchase_financing')).toEqual(['annual_statement:2025', 'bwa']);
    const factoring = documentChecklist({ product: 'factoring', today: '2026-09-01', documents: [doc({ kind: 'debtor_list', asOf: '2026-07-31' })] });
    expect(factoring.missing.map((m) => m.kind)).toContain('debtor_list');
  });

  it('asks a young company for a business plan instead of statements of years before its founding', () => {
    const { checklist, missing } = documentChecklist({ product: 'investment_loan', today: '2026-09-01', foundedOn: '2025-02-01', documents: [] });
    expect(checklist.filter((c) => c.kind === 'annual_statement').map((c) => c.fiscalYear)).toEqual([2025]);
    expect(missing.map((m) => m.kind)).toEqual(['annual_statement', 'bwa', 'asset_offer', 'business_plan']);
    expect(missing[3]).toMatchObject({ replaces: 'annual_statement', label: 'Businessplan (statt fehlender Jahresabschlüsse)' });
    // Mezzanine asks for a plan anyway: it stays one required item.
    const mezz = documentChecklist({ product: 'mezzanine', today: '2026-09-01', foundedOn: '2026-01-10', documents: [] });
    expect(mezz.checklist.filter((c) => c.kind === 'business_plan')).toHaveLength(1);
    expect(mezz.checklist.filter((c) => c.kind === 'annual_statement')).toEqual([]);
  });
});
