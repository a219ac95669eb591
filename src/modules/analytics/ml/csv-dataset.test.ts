import { describe, expect, it } from 'vitest';
import { DatasetError, datasetFromTable, isRowIndexColumn, parseCsvTable } from './csv-dataset.js';

describe('parseCsvTable', () => {
  it('reads comma, semicolon and tab files with quotes and a BOM', () => {
    expect(parseCsvTable('\uFEFFa,b\n"x, y",2\n')).toEqual({ header: ['a', 'b'], records: [['x, y', '2']] });
    expect(parseCsvTable('a;b\n1,5;2\n\n')).toEqual({ header: ['a', 'b'], records: [['1,5', '2']] });
    expect(parseCsvTable('a\tb\n1\t2')).toEqual({ header: ['a', 'b'], records: [['1', '2']] });
  });

  it('rejects empty files, duplicate columns and ragged rows', () => {
    expect(() => parseCsvTable('')).toThrow(DatasetError);
    expect(() => parseCsvTable('a,a\n1,2')).toThrow(/appears twice/);
    expect(() => parseCsvTable('a,b\n1,2,3')).toThrow(/unreadable CSV/);
  });
});

describe('datasetFromTable', () => {
  const table = parseCsvTable(
    ["id,checking_status,duration,class", "1,'<0',6,'good'", '2,no checking,48,bad', '3,<0,12,?', "4,'0<=X<200',24,bad", '5,<0,36,good'].join('\n'),
  );

  it('splits off the target, drops the quotes of ARFF exports, skips rows without target and row numbers', () => {
    const { dataset, skippedRows, positives, droppedColumns } = datasetFromTable(table, 'class', 'bad');
    expect(dataset.columns).toEqual(['checking_status', 'duration']);
    expect(dataset.rows).toEqual([
      ['<0', '6'],
      ['no checking', '48'],
      ['0<=X<200', '24'],
      ['<0', '36'],
    ]);
    expect([...dataset.target]).toEqual([0, 1, 1, 0]);
    expect(skippedRows).toBe(1);
    expect(positives).toBe(2);
    expect(droppedColumns).toEqual(['id']);
    expect(datasetFromTable(table, 'class', "'bad'").positives).toBe(2);
  });

  it('names the columns when the target is missing and the values when the positive value is', () => {
    expect(() => datasetFromTable(table, 'Class', 'bad')).toThrow('no column "Class"; the columns are: id, checking_status, duration, class');
    expect(() => datasetFromTable(table, 'class', 'Bad')).toThrow('the positive value "Bad" does not occur in column "class"; its values are: good (2), bad (2)');
    const single = parseCsvTable('a,y\n1,bad\n2,bad');
    expect(() => datasetFromTable(single, 'y', 'bad')).toThrow(/second class/);
  });

  it('recognises row-number columns', () => {
    expect(isRowIndexColumn('', ['7', '3'])).toBe(true);
    expect(isRowIndexColumn('Unnamed: 0', ['a'])).toBe(true);
    expect(isRowIndexColumn('n', ['0', '1', '2', '3'])).toBe(true);
    expect(isRowIndexColumn('n', ['1', '2', '4'])).toBe(false);
    expect(isRowIndexColumn('n', ['1', '2'])).toBe(false);
  });
});
