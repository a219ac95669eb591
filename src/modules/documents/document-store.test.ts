import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentNotFoundError, LocalDocumentStore } from './document-store.js';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-store-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const store = new LocalDocumentStore(root);

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe('local document store', () => {
  it('puts, reads, checks and deletes by key', async () => {
    expect(await store.put('company-1/doc-1', Buffer.from('hallo'))).toEqual({ size: 5 });
    expect(await store.exists('company-1/doc-1')).toBe(true);
    expect((await read(await store.get('company-1/doc-1'))).toString()).toBe('hallo');
    await store.delete('company-1/doc-1');
    expect(await store.exists('company-1/doc-1')).toBe(false);
    await expect(store.get('company-1/doc-1')).rejects.toBeInstanceOf(DocumentNotFoundError);
    await store.delete('company-1/doc-1'); // deleting twice is fine
  });

  it('streams content in and leaves no temporary file behind', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    const { size } = await store.put('c/streamed', Readable.from([big.subarray(0, 1000), big.subarray(1000)]));
    expect(size).toBe(big.length);
    expect((await read(await store.get('c/streamed'))).equals(big)).toBe(true);
    expect(fs.readdirSync(path.join(root, '.tmp'))).toEqual([]);
  });

  it('stores nothing under the key when the source fails midway', async () => {
    const failing = new Readable({
      read() {
        this.push(Buffer.from('teil'));
        this.destroy(new Error('connection lost'));
      },
    });
    await expect(store.put('c/broken', failing)).rejects.toThrow('connection lost');
    expect(await store.exists('c/broken')).toBe(false);
    expect(fs.readdirSync(path.join(root, '.tmp'))).toEqual([]);
  });

  it('refuses keys that leave its folder', async () => {
    for (const key of ['../x', '/etc/passwd', 'a/../../b', '.tmp/x', 'a//b', '']) {
      await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/invalid document key/);
    }
  });
});
