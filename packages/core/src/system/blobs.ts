import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { FolioError } from '../contract/errors';

const SHA_RE = /^[0-9a-f]{64}$/;

export interface BlobInfo {
  sha256: string;
  sizeBytes: number;
  path: string;
  /** True when the same bytes were already stored. */
  existed: boolean;
}

/**
 * Content-addressed files (PDFs, pasted images) beside the database: `blobs/ab/abcdef...`. Writing
 * goes through a temporary file and a rename, so a blob is either complete or absent.
 */
export class BlobStore {
  constructor(readonly root: string) {}

  static isSha256(value: string): boolean {
    return SHA_RE.test(value);
  }

  pathFor(sha256: string): string {
    if (!SHA_RE.test(sha256)) throw new FolioError('bad_request', `Not a blob id: ${sha256.slice(0, 80)}`);
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return SHA_RE.test(sha256) && fs.existsSync(this.pathFor(sha256));
  }

  put(bytes: Uint8Array): BlobInfo {
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const target = this.pathFor(sha256);
    if (fs.existsSync(target)) return { sha256, sizeBytes: bytes.byteLength, path: target, existed: true };
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    try {
      fs.writeFileSync(tmp, bytes);
      fs.renameSync(tmp, target);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new FolioError('disk_full', `The disk is full: could not store a file in ${this.root}.`);
      throw new FolioError('io_error', `Could not store a file in ${this.root}: ${(err as Error).message}`);
    }
    return { sha256, sizeBytes: bytes.byteLength, path: target, existed: false };
  }

  /** Streams a file in without loading it whole (large PDFs). */
  async putFile(source: string): Promise<BlobInfo> {
    const hash = crypto.createHash('sha256');
    await new Promise<void>((resolve, reject) => {
      fs.createReadStream(source)
        .on('data', (c) => hash.update(c))
        .on('error', reject)
        .on('end', () => resolve());
    });
    const sha256 = hash.digest('hex');
    const target = this.pathFor(sha256);
    const sizeBytes = fs.statSync(source).size;
    if (fs.existsSync(target)) return { sha256, sizeBytes, path: target, existed: true };
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const tmp = `${target}.tmp-${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    try {
      await fs.promises.copyFile(source, tmp);
      fs.renameSync(tmp, target);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new FolioError('disk_full', `The disk is full: could not store ${source}.`);
      throw new FolioError('io_error', `Could not store ${source}: ${(err as Error).message}`);
    }
    return { sha256, sizeBytes, path: target, existed: false };
  }

  /**
   * Stores a stream (an HTTP upload) without holding it in memory: written to a temporary file while it is
   * hashed, then renamed to its content address. Refuses more than `maxBytes`.
   */
  async putStream(
    source: AsyncIterable<Uint8Array>,
    maxBytes = Number.POSITIVE_INFINITY,
  ): Promise<BlobInfo & { head: Uint8Array }> {
    fs.mkdirSync(this.root, { recursive: true });
    const tmp = path.join(this.root, `upload-${process.pid}-${crypto.randomBytes(6).toString('hex')}.tmp`);
    const hash = crypto.createHash('sha256');
    const out = fs.createWriteStream(tmp);
    // Errors surface through `writeError` (checked in the loop) and the final end(); without a listener, a write
    // still in flight when a refused upload destroys the stream would be an uncaught ERR_STREAM_DESTROYED.
    let writeError: Error | null = null;
    out.on('error', (err) => (writeError ??= err));
    let size = 0;
    const head: number[] = [];
    try {
      for await (const chunk of source) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new FolioError('bad_request', `The upload is larger than ${Math.round(maxBytes / 1e6)} MB.`);
        if (writeError) throw writeError;
        hash.update(chunk);
        for (let i = 0; head.length < 16 && i < chunk.byteLength; i++) head.push(chunk[i]!);
        if (!out.write(chunk)) {
          // A failed write closes the stream instead of draining it: wait for either.
          await new Promise<void>((resolve) => {
            const done = () => {
              out.off('drain', done);
              out.off('close', done);
              resolve();
            };
            out.on('drain', done);
            out.on('close', done);
          });
        }
      }
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
      const sha256 = hash.digest('hex');
      const target = this.pathFor(sha256);
      const existed = fs.existsSync(target);
      if (existed) fs.rmSync(tmp, { force: true });
      else {
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.renameSync(tmp, target);
      }
      return { sha256, sizeBytes: size, path: target, existed, head: Uint8Array.from(head) };
    } catch (err) {
      // Wait for the file to be closed (it may still be opening) so nothing recreates it after the removal.
      await new Promise<void>((resolve) => {
        if (out.closed) resolve();
        else {
          out.once('close', () => resolve());
          out.destroy();
        }
      });
      fs.rmSync(tmp, { force: true });
      if (err instanceof FolioError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC') throw new FolioError('disk_full', `The disk is full: could not store an upload in ${this.root}.`);
      throw new FolioError('io_error', `Could not store an upload: ${(err as Error).message}`);
    }
  }

  read(sha256: string): Buffer {
    const p = this.pathFor(sha256);
    try {
      return fs.readFileSync(p);
    } catch {
      throw new FolioError('not_found', `The file ${sha256.slice(0, 12)}… is missing from ${this.root}.`);
    }
  }

  remove(sha256: string): void {
    fs.rmSync(this.pathFor(sha256), { force: true });
  }
}

/** Best-effort MIME type from magic bytes, for serving blobs. */
export function sniffMime(head: Uint8Array): string {
  const b = head;
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return 'application/pdf';
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'image/gif';
  if (b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && b[8] === 0x57 && b[9] === 0x45) return 'image/webp';
  return 'application/octet-stream';
}
