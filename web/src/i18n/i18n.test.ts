import { describe, expect, it } from 'vitest';

// Every translation file: de.json/en.json and each area's <area>.de.json/<area>.en.json.
const files = import.meta.glob<{ default: Record<string, unknown> }>('./*.json', { eager: true });

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function valueAt(o: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce((x: Record<string, unknown>, p) => x[p] as Record<string, unknown>, o);
}

describe('translations', () => {
  const german = Object.keys(files).filter((f) => f.endsWith('de.json'));

  it('finds the files it checks', () => {
    expect(german).toEqual(expect.arrayContaining(['./de.json', './lender.de.json', './wizard.de.json']));
  });

  it.each(german)('%s: every German key in English too, and no empty text', (file) => {
    const de = files[file].default;
    const en = files[file.replace(/de\.json$/, 'en.json')]?.default;
    expect(en, `${file} has no English counterpart`).toBeDefined();
    expect(keys(en).sort()).toEqual(keys(de).sort());
    for (const k of keys(de)) {
      expect(valueAt(de, k), k).not.toBe('');
      expect(valueAt(en, k), k).not.toBe('');
    }
  });
});

describe('admin area texts', () => {
  it('extend `admin` of the main files: no key may silently replace one there', () => {
    const de = files['./de.json'].default as { admin: Record<string, unknown> };
    const adminDe = files['./admin.de.json'].default;
    expect(Object.keys(adminDe).filter((k) => k in de.admin)).toEqual([]);
  });
});
