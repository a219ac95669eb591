import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where document bytes live. Keys are relative, slash-separated names (`<companyId>/<documentId>`).
 * The local implementation writes below `${DATA_DIR}/documents`; an S3-compatible store implements the
 * same four operations (PutObject, GetObject, DeleteObject, HeadObject) — see README.md.
 */
export interface DocumentStore {
  /** Stores the content under the key, completely or not at all; replaces an existing object. */
  put(key: string, content: Readable | Buffer): Promise<{ size: number }>;
  /** The content; rejects with DocumentNotFoundError when the key holds nothing. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export class DocumentNotFoundError extends Error {
  constructor(key: string) {
    super(`no document content under key ${key}`);
    this.name = 'DocumentNotFoundError';
  }
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*(\/[A-Za-z0-9][A-Za-z0-9_-]*)*$/;

/** Rejects keys that could leave the store's folder (`..`, absolute paths) or hide files (`.tmp`). */
export function assertValidKey(key: string): void {
  if (key.length > 300 || !KEY_PATTERN.test(key)) throw new Error(`invalid document key: ${JSON.stringify(key)}`);
}

/**
 * Documents as files below one folder. A put writes a temporary file inside the same folder tree,
 * fsyncs it, renames it into place (atomic on one file system) and fsyncs the directory, so a crash
 * leaves either the old state or the whole new file — never a partial one under the key.
 */
export class LocalDocumentStore implements DocumentStore {
  private readonly tmpDir: string;

  constructor(readonly root: string) {
    this.tmpDir = path.join(root, '.tmp');
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, content: Readable | Buffer): Promise<{ size: number }> {
    const target = this.pathOf(key);
    await fsp.mkdir(this.tmpDir, { recursive: true });
    await fsp.mkdir(path.dirname(target), { recursive: true });
    const tmp = path.join(this.tmpDir, `${randomUUID()}.part`);
    let size = 0;
    try {
      const handle = await fsp.open(tmp, 'wx', 0o600);
      try {
        const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
        await pipeline(source, async (chunks: AsyncIterable<Buffer>) => {
          for await (const chunk of chunks) {
            size += chunk.length;
            await handle.write(chunk);
          }
        });
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(tmp, target);
    } catch (err) {
      await fsp.rm(tmp, { force: true });
      throw err;
    }
    await syncDir(path.dirname(target));
    return { size };
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    try {
      const handle = await fsp.open(file, 'r');
      return handle.createReadStream();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new DocumentNotFoundError(key);
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.pathOf(key))).isFile();
    } catch {
      return false;
    }
  }
}

/** Makes a rename durable (POSIX); platforms that cannot open directories skip it. */
async function syncDir(dir: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // e.g. Windows: directories cannot be opened for fsync
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
