import { describe, expect, it } from 'vitest';
import { attachmentDisposition, displayFilename, withExtension } from './safe-filename.js';

describe('file names', () => {
  it('keeps the last path segment without control characters and with the detected extension', () => {
    expect(displayFilename('C:\\Users\\maria\\Jahresabschluss 2024.pdf', 'annual_statement', 'pdf')).toBe('Jahresabschluss 2024.pdf');
    expect(displayFilename('../../etc/passwd', 'other', 'pdf')).toBe('passwd.pdf');
    expect(displayFilename('bwa\u0000\r\n.pdf', 'bwa', 'pdf')).toBe('bwa.pdf');
    expect(displayFilename('rechnung.exe', 'other', 'pdf')).toBe('rechnung.exe.pdf');
    expect(displayFilename('', 'bwa', 'csv')).toBe('bwa.csv');
    expect(displayFilename('..', 'bwa', 'csv')).toBe('bwa.csv');
    expect(withExtension('foto.JPEG', 'jpg')).toBe('foto.JPEG');
  });

  it('builds an attachment header with an ASCII name and the UTF-8 name', () => {
    expect(attachmentDisposition('Jahresabschluss 2024 Müller.pdf')).toBe(
      `attachment; filename="Jahresabschluss_2024_Muller.pdf"; filename*=UTF-8''Jahresabschluss%202024%20M%C3%BCller.pdf`,
    );
    const evil = attachmentDisposition('a"; filename="x.exe.pdf');
    expect(evil.startsWith('attachment; filename="a_filename_x.exe.pdf"; filename*=')).toBe(true);
    expect(evil).not.toMatch(/filename\*=.*"/);
  });
});
