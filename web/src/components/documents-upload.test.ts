import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { formatBytes, uploadProblemText, uploadWithProgress, type XhrFactory } from './documents-upload';

/** A stand-in for XMLHttpRequest that reports progress the way a browser does, then answers. */
function fakeXhr(answer: { status: number; body: string }, steps: [number, number][]) {
  const calls: { method?: string; url?: string; sent?: unknown } = {};
  const factory: XhrFactory = () => {
    const xhr = {
      upload: {} as XMLHttpRequestUpload,
      status: 0,
      responseText: '',
      withCredentials: false,
      onload: null as (() => void) | null,
      onerror: null as (() => void) | null,
      onabort: null as (() => void) | null,
      open(method: string, url: string) {
        calls.method = method;
        calls.url = url;
      },
      setRequestHeader() {},
      send(body: unknown) {
        calls.sent = body;
        queueMicrotask(() => {
          for (const [loaded, total] of steps) (xhr.upload.onprogress as ((e: ProgressEvent) => void) | null)?.({ lengthComputable: true, loaded, total } as ProgressEvent);
          xhr.status = answer.status;
          xhr.responseText = answer.body;
          xhr.onload?.();
        });
      },
    };
    return xhr as unknown as ReturnType<XhrFactory>;
  };
  return { factory, calls };
}

describe('upload with progress', () => {
  it('reports the share sent and resolves with the parsed answer', async () => {
    const { factory, calls } = fakeXhr({ status: 201, body: '{"id":"d1","filename":"a.pdf"}' }, [
      [0, 1000],
      [400, 1000],
      [1000, 1000],
    ]);
    const seen: number[] = [];
    const form = new FormData();
    form.append('kind', 'bwa');
    const res = await uploadWithProgress('/api/v1/companies/c1/documents', form, (s) => seen.push(s), factory);
    expect(seen).toEqual([0, 0.4, 1]);
    expect(res).toEqual({ status: 201, body: { id: 'd1', filename: 'a.pdf' } });
    expect(calls).toMatchObject({ method: 'POST', url: '/api/v1/companies/c1/documents', sent: form });
  });

  it('resolves problems as data and rejects on a network error', async () => {
    const { factory } = fakeXhr({ status: 413, body: '{"status":413,"type":"/problems/payload-too-large","detail":"zu groß"}' }, []);
    expect((await uploadWithProgress('/x', new FormData(), () => {}, factory)).status).toBe(413);
    const broken: XhrFactory = () =>
      ({
        upload: {},
        open() {},
        setRequestHeader() {},
        send(this: { onerror: () => void }) {
          queueMicrotask(() => this.onerror());
        },
      }) as unknown as ReturnType<XhrFactory>;
    await expect(uploadWithProgress('/x', new FormData(), () => {}, broken)).rejects.toThrow('network');
  });
});

describe('upload problems in the user’s language', () => {
  it('explains size, type, duplicate and field errors in German and English', async () => {
    await i18n.changeLanguage('de');
    const t = i18n.t.bind(i18n);
    expect(uploadProblemText({ status: 413 }, t).message).toBe('Die Datei ist größer als 20 MB.');
    expect(uploadProblemText({ status: 415, errors: [{ path: 'file', message: 'nur PDF…' }] }, t).fields.file).toMatch(/nicht erlaubt/);
    expect(uploadProblemText({ status: 409, existingDocumentId: 'x' }, t).message).toBe('Diese Datei liegt für Ihr Unternehmen bereits vor.');
    const v = uploadProblemText({ status: 400, errors: [{ path: 'kind', message: 'fehlt' }, { path: 'file', message: 'fehlt' }, { path: 'extra', message: 'unbekannt' }] }, t);
    expect(Object.keys(v.fields).sort()).toEqual(['file', 'kind']);
    await i18n.changeLanguage('en');
    expect(uploadProblemText({ status: 413 }, i18n.t.bind(i18n)).message).toBe('The file is larger than 20 MB.');
    expect(uploadProblemText(null, i18n.t.bind(i18n)).message).toBe('That did not work. Please try again.');
    await i18n.changeLanguage('de');
  });

  it('formats sizes', () => {
    expect(formatBytes(512, 'de')).toBe('512 B');
    expect(formatBytes(1_288_490, 'de')).toBe('1,2 MB');
    expect(formatBytes(1_288_490, 'en')).toBe('1.2 MB');
  });
});
