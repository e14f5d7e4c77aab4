import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readFile as fsReadFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { tables, type AnyDb, type Executor } from '../db/database.js';
import {
  DEFAULT_MAX_BYTES,
  checkUpload,
  invalidFileName,
  isSha256,
  sniffMediaType,
  type MediaType,
  type StoredFile,
} from './model.js';

/** The files tables, as this module sees them. */
export interface FilesTables {
  files: { sha256: string; size: number; media_type: string; created_at: string };
  file_uploads: { sha256: string; account_id: string; at: string };
}

const db$ = (db: AnyDb | Executor<unknown>) => tables<FilesTables>(db);

// ---------------------------------------------------------------------------------------------
// The bytes: a content-addressed folder tree.
// ---------------------------------------------------------------------------------------------

export interface PutResult extends StoredFile {
  /** false when the same content was already stored */
  created: boolean;
}

export interface FileStore {
  /** `<dataDir>/files` */
  readonly root: string;
  /** where the bytes of `sha256` live (throws on anything but 64 hex characters) */
  pathOf(sha256: string): string;
  /**
   * Stores bytes (PDF, JPEG or PNG by content, at most `maxBytes`) and returns their SHA-256.
   * Written to a temporary file, flushed, then renamed into place: a reader never sees half a
   * file, and identical content is stored once.
   */
  put(bytes: Uint8Array, opts?: { maxBytes?: number }): Promise<PutResult>;
  /** The bytes, or null when not stored (or the name is not a SHA-256). */
  get(sha256: string): Promise<Buffer | null>;
  has(sha256: string): Promise<boolean>;
}

const stores = new Map<string, FileStore>();

/** The file store under `dataDir` (one object per folder). */
export function fileStore(dataDir: string): FileStore {
  const root = join(dataDir, 'files');
  let store = stores.get(root);
  if (store) return store;

  const tmpDir = join(root, 'tmp');
  const pathOf = (sha256: string): string => {
    if (!isSha256(sha256)) throw invalidFileName();
    return join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };
  const exists = async (path: string): Promise<boolean> => {
    try {
      return (await stat(path)).isFile();
    } catch {
      return false;
    }
  };

  store = {
    root,
    pathOf,
    async put(bytes, opts = {}) {
      const mediaType = checkUpload(bytes, opts.maxBytes ?? Number.MAX_SAFE_INTEGER);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const final = pathOf(sha256);
      const result = { sha256, size: bytes.length, mediaType };
      if (await exists(final)) return { ...result, created: false };

      await mkdir(tmpDir, { recursive: true });
      const tmp = join(tmpDir, `${sha256}.${process.pid}.${randomBytes(6).toString('hex')}`);
      try {
        const fh = await open(tmp, 'wx', 0o640);
        try {
          await fh.writeFile(bytes);
          await fh.sync();
        } finally {
          await fh.close();
        }
        await mkdir(join(final, '..'), { recursive: true });
        // Another writer may have placed the same content meanwhile: the rename replaces it with
        // identical bytes, atomically, so readers always see a whole file.
        await rename(tmp, final);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return { ...result, created: true };
    },
    async get(sha256) {
      if (!isSha256(sha256)) return null;
      try {
        return await fsReadFile(pathOf(sha256));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async has(sha256) {
      return isSha256(sha256) && exists(pathOf(sha256));
    },
  };
  mkdirSync(root, { recursive: true });
  stores.set(root, store);
  return store;
}

export interface ReadFileResult extends StoredFile {
  bytes: Buffer;
}

/**
 * Reads a stored file for a module that decided the reader may see it (cases: the materials of
 * a case the actor can see). Null when there is no such file. `verify` re-hashes the bytes and
 * throws if the stored file was altered.
 */
export async function readFile(dataDir: string, sha256: string, opts: { verify?: boolean } = {}): Promise<ReadFileResult | null> {
  const bytes = await fileStore(dataDir).get(sha256);
  if (!bytes) return null;
  if (opts.verify && createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new Error(`stored file ${sha256} does not match its hash`);
  }
  const mediaType = sniffMediaType(bytes);
  if (!mediaType) throw new Error(`stored file ${sha256} is of no accepted type`);
  return { sha256, size: bytes.length, mediaType, bytes };
}

// ---------------------------------------------------------------------------------------------
// The rows: what is stored and who uploaded it.
// ---------------------------------------------------------------------------------------------

export interface SaveFileOptions {
  /** ISO-8601 instant */
  at: string;
  /** the uploader (recorded in file_uploads); omit for generated files */
  accountId?: string | null;
  maxBytes?: number;
}

/**
 * Stores the bytes and records them (and the uploader) in the caller's transaction. Used by the
 * upload route and by modules that generate files (PDF documents). If the transaction rolls back
 * the bytes stay on disk, unreferenced: harmless, content-addressed, collectable later.
 */
export async function saveFile(tx: Executor<unknown>, dataDir: string, bytes: Uint8Array, opts: SaveFileOptions): Promise<PutResult> {
  const put = await fileStore(dataDir).put(bytes, { maxBytes: opts.maxBytes ?? DEFAULT_MAX_BYTES });
  const t = db$(tx);
  await t
    .insertInto('files')
    .values({ sha256: put.sha256, size: put.size, media_type: put.mediaType, created_at: opts.at })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
  if (opts.accountId) {
    await t
      .insertInto('file_uploads')
      .values({ sha256: put.sha256, account_id: opts.accountId, at: opts.at })
      .onConflict((oc) => oc.columns(['sha256', 'account_id']).doNothing())
      .execute();
  }
  return put;
}

export interface FileRecord extends StoredFile {
  createdAt: string;
}

export async function getFileRecord(db: AnyDb | Executor<unknown>, sha256: string): Promise<FileRecord | null> {
  if (!isSha256(sha256)) return null;
  const r = await db$(db).selectFrom('files').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  return r ? { sha256: r.sha256, size: Number(r.size), mediaType: r.media_type as MediaType, createdAt: r.created_at } : null;
}

/** True when `accountId` uploaded the file. */
export async function isUploader(db: AnyDb | Executor<unknown>, sha256: string, accountId: string): Promise<boolean> {
  if (!isSha256(sha256)) return false;
  const r = await db$(db)
    .selectFrom('file_uploads')
    .select('sha256')
    .where('sha256', '=', sha256)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return !!r;
}
