/**
 * File names as clients send them are untrusted: paths, control characters, quotes, misleading
 * extensions. These helpers keep a readable name for display and build a header that cannot be abused.
 */

/** The name shown in lists: last path segment, no control characters, at most 200 characters. */
export function displayFilename(raw: string | undefined, fallbackStem: string, ext: string): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const cleaned = [...base]
    .filter((ch) => {
      const c = ch.charCodeAt(0);
      return c >= 0x20 && !(c >= 0x7f && c <= 0x9f);
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return withExtension(cleaned && !/^\.+$/.test(cleaned) ? cleaned : fallbackStem, ext);
}

/** Makes the name end in the extension of the detected type (a PDF named `x.exe` becomes `x.exe.pdf`). */
export function withExtension(name: string, ext: string): string {
  const current = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  const same = current === ext || (ext === 'jpg' && current === 'jpeg');
  return same ? name : `${name}.${ext}`;
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback name (RFC 6266) and the full UTF-8 name
 * (RFC 5987 `filename*`), e.g. `attachment; filename="Jahresabschluss_2024_Muller.pdf";
 * filename*=UTF-8''Jahresabschluss%202024%20M%C3%BCller.pdf`.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, 150) || 'dokument';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
