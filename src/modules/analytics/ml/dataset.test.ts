import { describe, expect, it } from 'vitest';
import { Encoder, fitStandardizer, inferColumnKinds, isMissing, standardize, subsetDataset, toNumber } from './dataset.js';

describe('missing values and numbers', () => {
  it.each([[''], ['  '], ['NA'], ['na'], ['N/A'], ['NaN'], ['?'], [' ? '], ['null'], [null], [undefined], [Number.NaN]])('%j is missing', (value) => {
    expect(isMissing(value)).toBe(true);
    expect(toNumber(value)).toBeNaN();
  });

  it.each([['0', 0], [' 12 ', 12], ['-1.5', -1.5], ['1e3', 1000], ['1,5', 1.5], [7, 7], [true, 1]] as const)('%j → %d', (value, expected) => {
    expect(toNumber(value)).toBe(expected);
    expect(isMissing(value)).toBe(false);
  });

  it('treats non-numeric text and infinities as NaN', () => {
    expect(toNumber('abc')).toBeNaN();
    expect(toNumber(Number.POSITIVE_INFINITY)).toBeNaN();
    expect(toNumber('Infinity')).toBeNaN();
  });
});

describe('inferColumnKinds', () => {
  it('is numeric only when every present value parses', () => {
    const rows = [
      ['1', 'a', '?', '1', true],
      ['2.5', 'b', '?', 'x', false],
      ['', '3', 'NA', '2', true],
    ];
    expect(inferColumnKinds(['n', 'c', 'empty', 'mixed', 'bool'], rows)).toEqual(['numeric', 'categorical', 'categorical', 'categorical', 'categorical']);
  });
});

describe('Encoder', () => {
  const columns = ['amount', 'purpose'];
  const training = [
    ['100', 'car'],
    ['200', 'car'],
    ['?', 'car'],
    ['400', 'tv'],
    ['300', 'tv'],
    ['250', 'boat'], // rare
    ['150', ''],
  ];

  it('imputes the training median, adds a missing indicator and one-hot encodes with an other bucket', () => {
    const encoder = Encoder.fit(columns, training, { minCategoryCount: 2 });
    // numeric median of 100, 150, 200, 250, 300, 400 = (200 + 250) / 2 = 225
    expect(encoder.columns[0]).toEqual({ kind: 'numeric', name: 'amount', median: 225, log: false, indicator: true });
    // car ×3, tv ×2 kept; boat ×1 and the missing value go to (other)
    expect(encoder.columns[1]).toEqual({ kind: 'categorical', name: 'purpose', categories: ['car', 'tv'] });
    expect(encoder.featureNames).toEqual(['amount', 'amount:missing', 'purpose=car', 'purpose=tv', 'purpose=(other)']);
    expect([...encoder.featureColumn]).toEqual([0, 0, 1, 1, 1]);
    const x = encoder.encodeRows([
      ['?', 'boat'],
      ['120', 'tv'],
      [' 80 ', ' car '],
      [null, 'spaceship'],
    ]);
    expect([...x]).toEqual([225, 1, 0, 0, 1, 120, 0, 0, 1, 0, 80, 0, 1, 0, 0, 225, 1, 0, 0, 1]);
  });

  it('has no indicator when the training rows have no missing values, even if later rows do', () => {
    const encoder = Encoder.fit(['a'], [['1'], ['2'], ['3']]);
    expect(encoder.featureNames).toEqual(['a']);
    const out = new Float64Array(1);
    encoder.encodeInto(['?'], out);
    expect(out[0]).toBe(2);
  });

  it('is fitted on the training rows only: evaluation rows do not change it', () => {
    const a = Encoder.fit(columns, training, { minCategoryCount: 2 });
    const b = Encoder.fit(columns, training, { minCategoryCount: 2 });
    b.encodeRows([['1000000', 'plane'], ['1000000', 'plane'], ['1000000', 'plane']]);
    expect(b.toJSON()).toEqual(a.toJSON());
  });

  it('log-transforms strongly skewed non-negative columns', () => {
    const rows = Array.from({ length: 200 }, (_, i) => [String(i < 190 ? 100 + i : 100000 + i * 1000)]);
    const encoder = Encoder.fit(['amount'], rows);
    expect(encoder.columns[0]).toMatchObject({ log: true });
    const out = new Float64Array(1);
    encoder.encodeInto(['999'], out);
    expect(out[0]).toBeCloseTo(Math.log1p(999), 12);
    expect(Encoder.fit(['amount'], rows, { logTransformSkewed: false }).columns[0]).toMatchObject({ log: false });
  });

  it('honours explicit column kinds and round-trips through JSON', () => {
    const encoder = Encoder.fit(['zip', 'n'], [['80331', '1'], ['10115', '2'], ['80331', '3']], { columnKinds: { zip: 'categorical' }, minCategoryCount: 1 });
    expect(encoder.featureNames).toEqual(['zip=80331', 'zip=10115', 'zip=(other)', 'n']);
    const copy = Encoder.fromJSON(JSON.parse(JSON.stringify(encoder.toJSON())));
    expect([...copy.encodeRows([['10115', '7']])]).toEqual([...encoder.encodeRows([['10115', '7']])]);
  });

  it('reads numbers and booleans as categories too', () => {
    const encoder = Encoder.fit(['flag'], [[true], [false], [true]], { minCategoryCount: 1 });
    expect(encoder.featureNames).toEqual(['flag=true', 'flag=false', 'flag=(other)']);
    expect([...encoder.encodeRows([[false]])]).toEqual([0, 1, 0]);
  });
});

describe('standardisation', () => {
  it('uses the training mean and population standard deviation, 1 for constant columns', () => {
    // column 0: 1, 2, 3 → mean 2, sd √(2/3); column 1 constant
    const x = Float64Array.from([1, 5, 2, 5, 3, 5]);
    const s = fitStandardizer(x, 3, 2);
    expect([...s.mean]).toEqual([2, 5]);
    expect(s.scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(s.scale[1]).toBe(1);
    const z = standardize(Float64Array.from([4, 5]), 1, 2, s);
    expect(z[0]).toBeCloseTo(2 / Math.sqrt(2 / 3), 12);
    expect(z[1]).toBe(0);
  });
});

describe('subsetDataset', () => {
  it('selects rows and labels', () => {
    const ds = { columns: ['a'], rows: [['1'], ['2'], ['3']], target: Uint8Array.from([0, 1, 0]) };
    const sub = subsetDataset(ds, [2, 1]);
    expect(sub.rows).toEqual([['3'], ['2']]);
    expect([...sub.target]).toEqual([0, 1]);
  });
});
