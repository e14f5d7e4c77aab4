/**
 * RFC 9457 problem details. Every refusal the system gives is one of these: a stable `code`,
 * the HTTP status, and the message in Chinese and English, naming the field when one is at fault.
 * Pure: models return Problems; the HTTP layer serialises them.
 */
export interface Text {
  zh: string;
  en: string;
}

export interface FieldError {
  field: string;
  code: string;
  zh: string;
  en: string;
  /** 1-based row in an imported file, when the error comes from one */
  row?: number;
}

export class Problem extends Error {
  readonly status: number;
  readonly code: string;
  readonly text: Text;
  readonly field: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    text: Text,
    opts: { field?: string; errors?: FieldError[]; extra?: Record<string, unknown> } = {},
  ) {
    super(text.en);
    this.name = 'Problem';
    this.status = status;
    this.code = code;
    this.text = text;
    this.field = opts.field;
    this.errors = opts.errors;
    this.extra = opts.extra;
  }

  toJSON(instance?: string): Record<string, unknown> {
    return {
      type: `urn:onewindow:problem:${this.code}`,
      title: this.text.en,
      status: this.status,
      code: this.code,
      detail: this.text.en,
      detail_zh: this.text.zh,
      ...(this.field ? { field: this.field } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...(instance ? { instance } : {}),
      ...(this.extra ?? {}),
    };
  }
}

/** 422 for one field: the common case of bad input. */
export function invalidField(field: string, code: string, zh: string, en: string): Problem {
  return new Problem(422, code, { zh: `${field}：${zh}`, en: `${field}: ${en}` }, {
    field,
    errors: [{ field, code, zh, en }],
  });
}

/** 422 for several fields at once (a form or an imported row set). */
export function invalidFields(errors: FieldError[]): Problem {
  const first = errors[0];
  return new Problem(
    422,
    'validation_failed',
    {
      zh: `输入有误（${errors.length} 处）：${first ? `${first.field} ${first.zh}` : ''}`,
      en: `Invalid input (${errors.length}): ${first ? `${first.field} ${first.en}` : ''}`,
    },
    { field: first?.field, errors },
  );
}

export const notFound = (what: Text = { zh: '记录', en: 'record' }): Problem =>
  new Problem(404, 'not_found', { zh: `${what.zh}不存在`, en: `${what.en} not found` });

export const forbidden = (why: Text): Problem => new Problem(403, 'forbidden', why);

export const unauthenticated = (): Problem =>
  new Problem(401, 'unauthenticated', { zh: '请先登录', en: 'Please log in' });

export const conflict = (code: string, text: Text): Problem => new Problem(409, code, text);

export type Result<T> = { ok: true; value: T } | { ok: false; problem: Problem };
