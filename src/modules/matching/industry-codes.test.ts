import { describe, expect, it } from 'vitest';
import { industryCodeWithin, industryCodesOverlap, isWzCode, wzInterval, wzSectionOf } from './industry-codes.js';
import { DIVISION_SECTION, WZ_SECTIONS } from './wz-sections.js';

describe('WZ 2008 hierarchy', () => {
  it('maps divisions to their sections (spot checks against the NACE Rev. 2 list)', () => {
    expect(Object.keys(DIVISION_SECTION)).toHaveLength(88);
    expect(wzSectionOf('01.11')).toBe('A');
    expect(wzSectionOf('10')).toBe('C');
    expect(wzSectionOf('25.62')).toBe('C');
    expect(wzSectionOf('33.2')).toBe('C');
    expect(wzSectionOf('35')).toBe('D');
    expect(wzSectionOf('47.11')).toBe('G');
    expect(wzSectionOf('64.19')).toBe('K');
    expect(wzSectionOf('68')).toBe('L');
    expect(wzSectionOf('92.00')).toBe('R');
    expect(wzSectionOf('99')).toBe('U');
    expect(wzSectionOf('C')).toBe('C');
    expect(wzSectionOf('04')).toBeNull();
  });

  it('sections are contiguous runs of divisions (what the interval encoding relies on)', () => {
    const divisions = Object.keys(DIVISION_SECTION).sort();
    const order = divisions.map((d) => WZ_SECTIONS.indexOf(DIVISION_SECTION[d]));
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThanOrEqual(order[i - 1]);
  });

  it('matches prefixes on hierarchy boundaries only', () => {
    expect(industryCodeWithin('47.11', '47.1')).toBe(true);
    expect(industryCodeWithin('47.11', '47')).toBe(true);
    expect(industryCodeWithin('47.11', 'G')).toBe(true);
    expect(industryCodeWithin('47.11', '47.11')).toBe(true);
    expect(industryCodeWithin('47.11.1', '47.11')).toBe(true);
    expect(industryCodeWithin('47.11', '4')).toBe(false); // "4" is no WZ level: never a prefix of "47"
    expect(industryCodeWithin('47', '4')).toBe(false);
    expect(industryCodeWithin('47.11', '47.2')).toBe(false);
    expect(industryCodeWithin('47.21', '47.2')).toBe(true);
    expect(industryCodeWithin('47.10', '47.1')).toBe(true);
    expect(industryCodeWithin('47.1', '47.11')).toBe(false); // a group is not within one of its classes
    expect(industryCodeWithin('46.11', '47')).toBe(false);
    expect(industryCodeWithin('25.62', 'G')).toBe(false);
    expect(industryCodeWithin('C', '25')).toBe(false);
  });

  it('a section with a single division is the same set as that division', () => {
    expect(industryCodeWithin('U', '99')).toBe(true);
    expect(industryCodeWithin('L', '68')).toBe(true);
    expect(industryCodeWithin('F', '41')).toBe(false);
  });

  it('overlap is symmetric and includes ancestors', () => {
    expect(industryCodesOverlap('C', '25')).toBe(true);
    expect(industryCodesOverlap('25', 'C')).toBe(true);
    expect(industryCodesOverlap('25.6', '25.62')).toBe(true);
    expect(industryCodesOverlap('25', '26')).toBe(false);
    expect(industryCodesOverlap('G', 'C')).toBe(false);
  });

  it('encodes levels as nested intervals', () => {
    expect(wzInterval('C')).toEqual({ lo: 10000, hi: 33999 });
    expect(wzInterval('47')).toEqual({ lo: 47000, hi: 47999 });
    expect(wzInterval('47.1')).toEqual({ lo: 47100, hi: 47199 });
    expect(wzInterval('47.11')).toEqual({ lo: 47110, hi: 47119 });
    expect(wzInterval('47.11.1')).toEqual({ lo: 47111, hi: 47111 });
    expect(isWzCode('4')).toBe(false);
    expect(isWzCode('47.')).toBe(false);
  });
});
