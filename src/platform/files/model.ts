/**
 * Files (上传材料与生成文书): what may be stored and how it is named. Pure: no I/O.
 *
 * - The type of a file is decided by its content (magic numbers), never by its name or the type
 *   the client declared: only PDF, JPEG and PNG are accepted.
 * - A file is named by the SHA-256 of its bytes (64 lowercase hex characters): identical content
 *   is stored once, and a name can never point outside the store.
 */
import { Problem } from '../problem.js';

export const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

export const EXTENSIONS: Record<MediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** Default upload limit: 10 MB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

export interface StoredFile {
  sha256: string;
  size: number;
  mediaType: MediaType;
}

const SHA256_RE = /^[0-9a-f]{64}$/;

/** True for exactly 64 lowercase hex characters: the only names the store accepts. */
export const isSha256 = (s: unknown): s is string => typeof s === 'string' && SHA256_RE.test(s);

const startsWith = (bytes: Uint8Array, magic: readonly number[], offset = 0): boolean =>
  bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The media type of `bytes` by its magic number, or null when it is none we accept.
 * PDF: `%PDF-` at the start (readers tolerate up to 1 KB of junk before it; we do not: a file
 * that is something else with a PDF inside is refused). JPEG: FF D8 FF. PNG: the 8-byte signature.
 */
export function sniffMediaType(bytes: Uint8Array): MediaType | null {
  if (startsWith(bytes, PDF)) return 'application/pdf';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  return null;
}

export const unsupportedFileType = (): Problem =>
  new Problem(415, 'unsupported_file_type', {
    zh: '文件类型不支持：只接受 PDF、JPEG、PNG 文件（按文件内容识别，与文件名和声明的类型无关）',
    en: 'Unsupported file type: only PDF, JPEG and PNG files are accepted (recognised by content, whatever the name or declared type)',
  });

export const fileTooLarge = (maxBytes: number): Problem =>
  new Problem(
    413,
    'file_too_large',
    {
      zh: `文件过大：单个文件不得超过 ${formatSize(maxBytes)}`,
      en: `File too large: at most ${formatSize(maxBytes)} per file`,
    },
    { extra: { maxBytes } },
  );

export const emptyFile = (): Problem =>
  new Problem(422, 'empty_file', { zh: '文件为空', en: 'The file is empty' });

export const invalidFileName = (): Problem =>
  new Problem(400, 'invalid_file_id', {
    zh: '文件标识应为 64 位十六进制 SHA-256 值',
    en: 'A file id is a SHA-256 value of 64 hex characters',
  });

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}

/**
 * Checks bytes before they are stored: not empty, within the limit, an accepted type.
 * Returns the sniffed type; throws the Problem that explains the refusal.
 */
export function checkUpload(bytes: Uint8Array | null | undefined, maxBytes: number = DEFAULT_MAX_BYTES): MediaType {
  if (!bytes || bytes.length === 0) throw emptyFile();
  if (bytes.length > maxBytes) throw fileTooLarge(maxBytes);
  const type = sniffMediaType(bytes);
  if (!type) throw unsupportedFileType();
  return type;
}
