import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { allMigrations } from '../../migrations.js';
import type { Actor, Role } from '../actor.js';
import { ctxOf } from '../auth/plugin.js';
import { fixedClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { tables } from '../db/database.js';
import { ajvOptions, installErrorHandling } from '../http.js';
import type { Http, Platform } from '../module.js';
import { filesMigrations } from './migrations.js';
import { SAMPLES } from './testing.js';
import { createFilesRoutes } from './routes.js';
import { fileStore, readFile, saveFile, type FilesTables } from './store.js';

/** Every regular file under a folder. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let database: TestDatabase;
let app: Http;
let dataDir: string;
const clock = fixedClock('2026-03-16T02:00:00Z');
const MAX = 64 * 1024;

const actorOf = (id: string, ...roles: Role[]): Actor => ({
  accountId: id,
  username: id,
  name: `测试${id}`,
  kind: 'staff',
  roles,
  departmentId: null,
  hallId: null,
  applicantId: null,
  mustChangePassword: false,
});

beforeAll(async () => {
  database = await createTestDatabase();
  if (!allMigrations['0003_files']) await filesMigrations['0003_files'].up(database.db);
  dataDir = mkdtempSync(join(tmpdir(), 'ow-files-'));
  app = Fastify({ ajv: ajvOptions, bodyLimit: 1024 }).withTypeProvider<TypeBoxTypeProvider>() as unknown as Http;
  installErrorHandling(app);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionToken', null);
  // stands in for the session plugin: x-test-actor: id[,role…]
  app.addHook('onRequest', async (req) => {
    const h = req.headers['x-test-actor'];
    if (typeof h === 'string') {
      const [id, ...roles] = h.split(',');
      req.actor = actorOf(id, ...(roles as Role[]));
    }
  });
  const config = { ...loadConfig({}), dataDir };
  const platform: Platform = { database, clock, config, ctx: (req) => ctxOf(req, database, clock) };
  await createFilesRoutes({ maxBytes: MAX })(app, platform);
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const alice = { 'x-test-actor': 'acc-alice,clerk' };
const bob = { 'x-test-actor': 'acc-bob,clerk' };
const admin = { 'x-test-actor': 'acc-admin,admin' };
const upload = (payload: Buffer, contentType: string, headers: Record<string, string> = alice) =>
  app.inject({ method: 'POST', url: '/api/v1/files', headers: { ...headers, 'content-type': contentType }, payload });

describe('fileStore', () => {
  it('stores identical content once, under ab/cd/<sha256>, atomically', async () => {
    const store = fileStore(dataDir);
    const a = await store.put(SAMPLES.pdf);
    const b = await store.put(Buffer.from(SAMPLES.pdf));
    expect(a).toEqual({ sha256: sha(SAMPLES.pdf), size: SAMPLES.pdf.length, mediaType: 'application/pdf', created: true });
    expect(b).toEqual({ ...a, created: false });
    expect(store.pathOf(a.sha256)).toBe(join(dataDir, 'files', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256));
    expect(await store.has(a.sha256)).toBe(true);
    expect(await store.get(a.sha256)).toEqual(SAMPLES.pdf);
    expect(await store.get('f'.repeat(64))).toBeNull();
    expect(await store.get('../../etc/passwd')).toBeNull();
    expect(() => store.pathOf('../x')).toThrow(/SHA-256/);
    // no temporary files left behind
    expect(walk(join(dataDir, 'files')).filter((p) => !p.endsWith(a.sha256))).toEqual([]);
  });

  it('stores the same content from many writers at once as one whole file', async () => {
    const store = fileStore(dataDir);
    const bytes = Buffer.concat([SAMPLES.png, Buffer.alloc(50_000, 7)]);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.put(bytes)));
    expect(new Set(results.map((r) => r.sha256)).size).toBe(1);
    expect(await store.get(results[0].sha256)).toEqual(bytes);
    expect(walk(join(dataDir, 'files', 'tmp'))).toEqual([]);
  });

  it('refuses what is not PDF/JPEG/PNG', async () => {
    await expect(fileStore(dataDir).put(SAMPLES.exe)).rejects.toMatchObject({ code: 'unsupported_file_type' });
  });

  it('records generated files without an uploader, and readFile serves them', async () => {
    const r = await database.db.transaction().execute((tx) => saveFile(tx, dataDir, SAMPLES.jpeg, { at: clock.now() }));
    const row = await tables<FilesTables>(database.db).selectFrom('files').selectAll().where('sha256', '=', r.sha256).executeTakeFirst();
    expect(row).toMatchObject({ media_type: 'image/jpeg', created_at: clock.now() });
    expect(Number(row?.size)).toBe(SAMPLES.jpeg.length);
    const read = await readFile(dataDir, r.sha256, { verify: true });
    expect(read?.mediaType).toBe('image/jpeg');
    expect(read?.bytes).toEqual(SAMPLES.jpeg);
    expect(await readFile(dataDir, 'e'.repeat(64))).toBeNull();
  });
});

describe('POST /api/v1/files', () => {
  it('stores a PNG declared (and named) as PDF as what it is: PNG', async () => {
    const res = await upload(SAMPLES.png, 'application/pdf', { ...alice, 'x-file-name': 'scan.pdf' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ sha256: sha(SAMPLES.png), size: SAMPLES.png.length, mediaType: 'image/png' });
  });

  it('accepts application/octet-stream and sniffs the type', async () => {
    const res = await upload(SAMPLES.jpeg, 'application/octet-stream');
    expect(res.statusCode).toBe(201);
    expect(res.json().mediaType).toBe('image/jpeg');
  });

  it.each([
    ['HTML', SAMPLES.html],
    ['EXE', SAMPLES.exe],
    ['ZIP', SAMPLES.zip],
    ['SVG', SAMPLES.svg],
  ])('refuses %s disguised as image/png', async (_name, bytes) => {
    const res = await upload(bytes, 'image/png');
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'unsupported_file_type' });
    expect(res.json().detail_zh).toContain('PDF、JPEG、PNG');
  });

  it('refuses other declared types (HTML, JSON, text, forms) with the same problem', async () => {
    for (const type of ['text/html', 'application/json', 'text/plain', 'multipart/form-data; boundary=x']) {
      const payload = type === 'application/json' ? Buffer.from('{"a":1}') : SAMPLES.png;
      const res = await upload(payload, type);
      expect(res.statusCode, type).toBe(415);
      expect(res.json().code, type).toBe('unsupported_file_type');
    }
  });

  it('refuses an empty body', async () => {
    const res = await upload(Buffer.alloc(0), 'application/pdf');
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('empty_file');
    const none = await app.inject({ method: 'POST', url: '/api/v1/files', headers: alice });
    expect(none.statusCode).toBe(422);
  });

  it('refuses a file over the limit with 413 file_too_large (the app-wide limit does not apply)', async () => {
    const ok = await upload(Buffer.concat([SAMPLES.pdf, Buffer.alloc(MAX - SAMPLES.pdf.length, 32)]), 'application/pdf');
    expect(ok.statusCode).toBe(201);
    const res = await upload(Buffer.concat([SAMPLES.pdf, Buffer.alloc(MAX, 32)]), 'application/pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'file_too_large', maxBytes: MAX });
  });

  it('needs a logged-in actor', async () => {
    const res = await upload(SAMPLES.pdf, 'application/pdf', {});
    expect(res.statusCode).toBe(401);
  });

  it('stores the same bytes twice as one file and one row, recording each uploader once', async () => {
    const bytes = Buffer.concat([SAMPLES.pdf, Buffer.from('twice')]);
    const first = await upload(bytes, 'application/pdf');
    const second = await upload(bytes, 'application/pdf');
    const third = await upload(bytes, 'application/pdf', bob);
    expect(first.json().sha256).toBe(second.json().sha256);
    expect(third.json().sha256).toBe(first.json().sha256);
    const h = first.json().sha256 as string;
    const t = tables<FilesTables>(database.db);
    expect(await t.selectFrom('files').select('sha256').where('sha256', '=', h).execute()).toHaveLength(1);
    const uploaders = await t.selectFrom('file_uploads').select('account_id').where('sha256', '=', h).orderBy('account_id').execute();
    expect(uploaders.map((u) => u.account_id)).toEqual(['acc-alice', 'acc-bob']);
    expect(walk(join(dataDir, 'files')).filter((p) => p.endsWith(h))).toHaveLength(1);
  });
});

describe('GET /api/v1/files/:sha256', () => {
  let h: string;
  beforeAll(async () => {
    h = (await upload(Buffer.concat([SAMPLES.png, Buffer.from('alice only')]), 'image/png')).json().sha256;
  });

  it('serves the uploader an attachment of the sniffed type, never sniffable', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/files/${h}`, headers: alice });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${h.slice(0, 16)}.png"`);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.rawPayload).toEqual(Buffer.concat([SAMPLES.png, Buffer.from('alice only')]));
  });

  it('is 404 for someone else, as if the file did not exist; admins may read it', async () => {
    expect((await app.inject({ method: 'GET', url: `/api/v1/files/${h}`, headers: bob })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/files/${'0'.repeat(64)}`, headers: bob })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/files/${h}`, headers: admin })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/v1/files/${'0'.repeat(64)}`, headers: admin })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/files/${h}` })).statusCode).toBe(401);
  });

  it('refuses anything but 64 lowercase hex characters (no path traversal)', async () => {
    for (const bad of [
      '..%2F..%2F..%2Fetc%2Fpasswd',
      '%2e%2e%2f%2e%2e%2fonewindow.db',
      `..%2F${h.slice(3)}`,
      h.toUpperCase(),
      h.slice(1),
      `${h}0`,
      `${h}%00`,
    ]) {
      const res = await app.inject({ method: 'GET', url: `/api/v1/files/${bad}`, headers: admin });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().code, bad).toBe('invalid_params');
    }
    const dotted = await app.inject({ method: 'GET', url: '/api/v1/files/../../etc/passwd', headers: admin });
    expect(dotted.statusCode).toBe(404);
    expect(dotted.body).not.toContain('root:');
  });
});
