import type { Lang } from '../i18n/translate.js';

/** One field error of an RFC 9457 problem (also one bad row of an imported file). */
export interface FieldError {
  field: string;
  code: string;
  zh: string;
  en: string;
  row?: number;
}

/** RFC 9457 problem details as the OneWindow API sends them. */
export interface ProblemBody {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  detail_zh?: string;
  field?: string;
  errors?: FieldError[];
}

/** A refused or failed request. `status` 0 means the network failed. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemBody;

  constructor(problem: ProblemBody) {
    super(problem.detail ?? problem.code);
    this.name = 'ApiError';
    this.status = problem.status;
    this.problem = problem;
  }

  get code(): string {
    return this.problem.code;
  }
}

const isProblem = (v: unknown): v is ProblemBody =>
  typeof v === 'object' && v !== null && typeof (v as { code?: unknown }).code === 'string';

/** The message to show for an error, in the user's language. */
export function errorText(err: unknown, lang: Lang): string {
  if (err instanceof ApiError) {
    const p = err.problem;
    const text = lang === 'zh' ? (p.detail_zh ?? p.detail) : (p.detail ?? p.detail_zh);
    return text ?? p.code;
  }
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The field error text for one field, if the problem names it. */
export function fieldErrorText(err: unknown, field: string, lang: Lang): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const fe = err.problem.errors?.find((e) => e.field === field);
  if (fe) return lang === 'zh' ? fe.zh : fe.en;
  if (err.problem.field === field) return errorText(err, lang);
  return undefined;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** sent as JSON */
  json?: unknown;
  /** sent as-is (e.g. an uploaded file) with `contentType` */
  raw?: Blob;
  contentType?: string;
  signal?: AbortSignal;
}

/** Calls the API with the session cookie; resolves the JSON body or throws an ApiError. */
export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
  let body: BodyInit | undefined;
  if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  } else if (opts.raw) {
    headers['Content-Type'] = opts.contentType ?? (opts.raw.type || 'application/octet-stream');
    body = opts.raw;
  }
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network_error', detail: 'Network error, please try again later', detail_zh: '网络连接失败，请稍后再试' });
  }
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    if (isProblem(data)) throw new ApiError({ ...data, status: res.status });
    throw new ApiError({ status: res.status, code: `http_${res.status}`, detail: `HTTP ${res.status}`, detail_zh: `请求失败（HTTP ${res.status}）` });
  }
  return data as T;
}

/** Builds a query string from the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `?${s}` : '';
}
