import { Type } from '@sinclair/typebox';
import type { FastifyError } from 'fastify';
import { isAdmin } from '../actor.js';
import { requireActor } from '../auth/plugin.js';
import type { Http, ModuleRoutes } from '../module.js';
import { notFound } from '../problem.js';
import { DEFAULT_MAX_BYTES, EXTENSIONS, MEDIA_TYPES, emptyFile, fileTooLarge, unsupportedFileType } from './model.js';
import { isUploader, readFile, saveFile } from './store.js';

/** Declared types an upload may carry; the stored type is always sniffed from the content. */
export const UPLOAD_CONTENT_TYPES = [...MEDIA_TYPES, 'application/octet-stream'];

/** `MAX_UPLOAD_BYTES` (bytes) or `MAX_UPLOAD_MB` from the environment, else 10 MB. */
export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const bytes = Number(env.MAX_UPLOAD_BYTES);
  if (Number.isInteger(bytes) && bytes > 0) return bytes;
  const mb = Number(env.MAX_UPLOAD_MB);
  if (Number.isFinite(mb) && mb > 0) return Math.floor(mb * 1024 * 1024);
  return DEFAULT_MAX_BYTES;
}

const StoredFileSchema = Type.Object({
  sha256: Type.String({ description: 'SHA-256 of the content, 64 hex characters' }),
  size: Type.Integer({ description: 'bytes' }),
  mediaType: Type.Union(MEDIA_TYPES.map((t) => Type.Literal(t)), { description: 'sniffed from the content' }),
});

/**
 * Uploads (PDF/JPEG/PNG by content, size-limited, stored by SHA-256) and the uploader's own
 * downloads. Who else may read a file is decided by the module that references it (cases), which
 * serves it with `readFile`.
 */
export function createFilesRoutes(opts: { maxBytes?: number } = {}): ModuleRoutes {
  return async (http, platform) => {
    const maxBytes = opts.maxBytes ?? maxUploadBytes();
    const db = platform.database.db;
    const dataDir = platform.config.dataDir;

    await http.register(async (instance) => {
      const scope = instance as unknown as Http;
      // Raw bodies of the accepted declared types only; JSON, forms, text… are refused (415).
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(UPLOAD_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) => done(null, body));
      // Fastify's own refusals, told in our words; anything else goes on to the app's handler.
      scope.setErrorHandler((err: FastifyError) => {
        if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw fileTooLarge(maxBytes);
        if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') throw unsupportedFileType();
        throw err;
      });

      scope.post(
        '/api/v1/files',
        {
          bodyLimit: maxBytes,
          schema: {
            tags: ['files'],
            summary: '上传文件 Upload a file (raw body: PDF, JPEG or PNG, recognised by content)',
            description: `Content-Type: ${UPLOAD_CONTENT_TYPES.join(' | ')}. At most ${maxBytes} bytes.`,
            security: [{ session: [] }],
            response: { 201: StoredFileSchema },
          },
        },
        async (req, reply) => {
          const actor = requireActor(req);
          const body = req.body as unknown;
          if (body === undefined || body === null || (Buffer.isBuffer(body) && body.length === 0)) throw emptyFile();
          if (!Buffer.isBuffer(body)) throw unsupportedFileType();
          const at = platform.clock.now();
          const stored = await db.transaction().execute((tx) => saveFile(tx, dataDir, body, { at, accountId: actor.accountId, maxBytes }));
          req.log.info({ sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType, created: stored.created }, 'file uploaded');
          return reply.status(201).send({ sha256: stored.sha256, size: stored.size, mediaType: stored.mediaType });
        },
      );
    });

    http.get(
      '/api/v1/files/:sha256',
      {
        schema: {
          tags: ['files'],
          summary: '下载本人上传的文件 Download a file you uploaded (admins: any file)',
          security: [{ session: [] }],
          params: Type.Object({ sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, 64 lowercase hex characters' }) }),
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { sha256 } = req.params;
        const what = { zh: '文件', en: 'file' };
        // Not the uploader: 404, as if it did not exist.
        if (!isAdmin(actor) && !(await isUploader(db, sha256, actor.accountId))) throw notFound(what);
        const file = await readFile(dataDir, sha256);
        if (!file) throw notFound(what);
        return reply
          .header('Content-Type', file.mediaType)
          .header('Content-Length', file.size)
          .header('Content-Disposition', `attachment; filename="${sha256.slice(0, 16)}.${EXTENSIONS[file.mediaType]}"`)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Security-Policy', "default-src 'none'; sandbox")
          .header('Cache-Control', 'private, max-age=86400, immutable')
          .header('ETag', `"${sha256}"`)
          .send(file.bytes);
      },
    );
  };
}

/** The files routes with the limit from the environment (default 10 MB). */
export const filesRoutes: ModuleRoutes = (http, platform) => createFilesRoutes()(http, platform);
