import { describe, expect, it } from 'vitest';
import { parseIsoDate, yearsInBusiness } from './years-in-business.js';

describe('full years in business (§§ 187 II, 188 II/III BGB)', () => {
  it('counts the anniversary day as the completed year', () => {
    expect(yearsInBusiness('2012-05-10', '2013-05-09')).toBe(0);
    expect(yearsInBusiness('2012-05-10', '2013-05-10')).toBe(1);
    expect(yearsInBusiness('2012-05-10', '2025-03-14')).toBe(12);
    expect(yearsInBusiness('2025-03-14', '2025-03-14')).toBe(0);
  });

  it('founded on 29 February, anniversary in a leap year', () => {
    expect(yearsInBusiness('2020-02-29', '2024-02-28')).toBe(3);
    expect(yearsInBusiness('2020-02-29', '2024-02-29')).toBe(4);
  });

  it('founded on 29 February, non-leap year: the year ends with the end of 28 February, counts from 1 March', () => {
    expect(yearsInBusiness('2020-02-29', '2023-02-28')).toBe(2);
    expect(yearsInBusiness('2020-02-29', '2023-03-01')).toBe(3);
    expect(yearsInBusiness('2020-02-29', '2021-02-28')).toBe(0);
    expect(yearsInBusiness('2020-02-29', '2021-03-01')).toBe(1);
  });

  it('rejects dates that do not exist', () => {
    expect(parseIsoDate('2023-02-29')).toBeNull();
    expect(parseIsoDate('2100-02-29')).toBeNull();
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate('2024-13-01')).toBeNull();
    expect(parseIsoDate('2024-4-01')).toBeNull();
    expect(() => yearsInBusiness('2024-02-30', '2025-01-01')).toThrow(RangeError);
  });
});
