import { describe, expect, it } from 'vitest';
import type { AnalystView } from './catalogue.js';
import { csvHeader, csvLine } from './csv.js';

const view: AnalystView = {
  name: 'sample',
  description: { de: 'Beispiel', en: 'Sample' },
  orderBy: ['id'],
  columns: [
    { name: 'id', type: 'uuid', description: { de: '', en: '' } },
    { name: 'name', type: 'text', description: { de: '', en: '' } },
    { name: 'amount', type: 'decimal', description: { de: '', en: '' } },
    { name: 'count', type: 'integer', description: { de: '', en: '' } },
    { name: 'ok', type: 'boolean', description: { de: '', en: '' } },
    { name: 'data', type: 'json', description: { de: '', en: '' } },
  ],
};

describe('CSV of an analyst view', () => {
  it('writes RFC 4180: comma, CRLF, quotes only where needed, doubled quotes, NULL empty, empty text quoted', () => {
    expect(csvHeader(view, 'rfc4180')).toBe('id,name,amount,count,ok,data\r\n');
    expect(csvLine(view, { id: 'a', name: 'Müller, Meier & "Söhne" GmbH', amount: '300000.10', count: 3, ok: true, data: '{"a": [1, 2]}' }, 'rfc4180')).toBe(
      'a,"Müller, Meier & ""Söhne"" GmbH",300000.10,3,true,"{""a"": [1, 2]}"\r\n',
    );
    expect(csvLine(view, { id: 'b', name: '', amount: null, count: null, ok: false, data: null }, 'rfc4180')).toBe('b,"",,,false,\r\n');
    expect(csvLine(view, { id: 'c', name: 'zwei\nZeilen', amount: '-5.00', count: 0, ok: null, data: null }, 'rfc4180')).toBe('c,"zwei\nZeilen",-5.00,0,,\r\n');
  });

  it('keeps leading and trailing spaces by quoting', () => {
    expect(csvLine(view, { id: 'd', name: ' Raum ', amount: '1.00', count: 1, ok: true, data: null }, 'rfc4180')).toBe('d," Raum ",1.00,1,true,\r\n');
  });

  it('writes the German spreadsheet format: BOM, semicolon, decimal comma with every digit kept', () => {
    expect(csvHeader(view, 'de')).toBe('\uFEFFid;name;amount;count;ok;data\r\n');
    expect(csvLine(view, { id: 'a', name: 'Müller, Meier; Söhne', amount: '1234567890.05', count: 3, ok: true, data: null }, 'de')).toBe(
      'a;"Müller, Meier; Söhne";1234567890,05;3;true;\r\n',
    );
    expect(csvLine(view, { id: 'a', name: 'x', amount: '-0.000001', count: -1, ok: false, data: null }, 'de')).toBe('a;x;-0,000001;-1;false;\r\n');
  });

  it('defuses text a spreadsheet would run as a formula, in the German format only', () => {
    expect(csvLine(view, { id: 'e', name: '=HYPERLINK("http://x")', amount: '-1.00', count: 1, ok: true, data: null }, 'de')).toBe(
      `e;"'=HYPERLINK(""http://x"")";-1,00;1;true;\r\n`,
    );
    expect(csvLine(view, { id: 'e', name: '@SUM(A1)', amount: null, count: null, ok: null, data: null }, 'de')).toBe("e;'@SUM(A1);;;;\r\n");
    expect(csvLine(view, { id: 'e', name: '=1+1', amount: null, count: null, ok: null, data: null }, 'rfc4180')).toBe('e,=1+1,,,,\r\n');
  });
});
