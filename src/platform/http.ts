import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Problem, invalidFields, type FieldError } from './problem.js';

/** Ajv as the API needs it: unknown fields are errors (not silently dropped), all errors reported. */
export const ajvOptions = {
  customOptions: { removeAdditional: false as const, allErrors: true, coerceTypes: false as const, useDefaults: true },
};

export function sendProblem(reply: FastifyReply, p: Problem, instance?: string) {
  return reply.status(p.status).type('application/problem+json').send(p.toJSON(instance));
}

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

function fieldOf(e: AjvError): string {
  const path = e.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (e.keyword === 'required') return [path, String(e.params.missingProperty)].filter(Boolean).join('.');
  if (e.keyword === 'additionalProperties') return [path, String(e.params.additionalProperty)].filter(Boolean).join('.');
  return path || '(body)';
}

const ZH: Record<string, string> = {
  required: '必填',
  additionalProperties: '不允许的字段',
  type: '类型错误',
  minLength: '长度不足',
  maxLength: '过长',
  pattern: '格式不正确',
  enum: '取值不在允许范围内',
  minimum: '数值过小',
  maximum: '数值过大',
  format: '格式不正确',
  minItems: '项数不足',
  maxItems: '项数过多',
};

export function validationProblem(errs: AjvError[], context: string): Problem {
  const errors: FieldError[] = errs.map((e) => ({
    field: fieldOf(e),
    code: e.keyword,
    zh: ZH[e.keyword] ?? '无效',
    en: e.keyword === 'additionalProperties' ? 'unknown field' : (e.message ?? 'invalid'),
  }));
  const p = invalidFields(errors);
  return context === 'body' ? p : new Problem(400, 'invalid_' + context, p.text, { field: p.field, errors });
}

/** Every error leaves as problem+json; nothing a client sends can produce a 500. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | Problem, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof Problem) return sendProblem(reply, err, req.url);
    const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
    if (fe.validation) return sendProblem(reply, validationProblem(fe.validation, fe.validationContext ?? 'body'), req.url);
    const status = fe.statusCode ?? 500;
    if (status < 500) {
      const code = (fe.code ?? 'bad_request').toLowerCase().replace(/^fst_err_/, '');
      const zh =
        status === 413 ? '请求体过大' : status === 415 ? '不支持的内容类型' : code.includes('json') ? 'JSON 格式错误' : '请求无效';
      return sendProblem(reply, new Problem(status, code, { zh, en: fe.message }), req.url);
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(
      reply,
      new Problem(500, 'internal_error', { zh: '系统内部错误，请稍后再试', en: 'Internal error, please try again later' }),
      req.url,
    );
  });
}

export const routeNotFound = (method: string, url: string) =>
  new Problem(404, 'route_not_found', { zh: '接口不存在', en: `No route ${method} ${url.split('?')[0]}` });

/**
 * Unsafe methods must come from our own origin (or one configured). Together with SameSite=Strict
 * cookies this closes cross-site request forgery even for old browsers.
 */
export function installOriginCheck(app: FastifyInstance, allowed: string[]) {
  app.addHook('onRequest', async (req, reply) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return;
    const origin = req.headers.origin ?? refererOrigin(req.headers.referer);
    if (!origin) return; // non-browser clients (curl, verifiers, the bench) send none
    const own = `${req.protocol}://${req.headers.host}`;
    if (origin === own || allowed.includes(origin)) return;
    return sendProblem(
      reply,
      new Problem(403, 'cross_origin_refused', { zh: '拒绝跨站请求', en: `Cross-origin request from ${origin} refused` }),
    );
  });
}

function refererOrigin(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  try {
    return new URL(ref).origin;
  } catch {
    return 'invalid';
  }
}
