import { Type } from '@sinclair/typebox';
import { requireActor, requireRole } from '../platform/auth/plugin.js';
import { SESSION_COOKIE, SESSION_HOURS } from '../platform/auth/sessions.js';
import type { ModuleRoutes } from '../platform/module.js';
import * as service from './service.js';

const Login = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);

const PasswordChange = Type.Object(
  { currentPassword: Type.String({ maxLength: 256 }), newPassword: Type.String({ maxLength: 256 }) },
  { additionalProperties: false },
);

const Person = Type.Object(
  {
    kind: Type.Literal('person'),
    name: Type.String({ maxLength: 60 }),
    idNumber: Type.String({ maxLength: 18 }),
    phone: Type.String({ maxLength: 20 }),
    password: Type.Optional(Type.String({ maxLength: 256 })),
  },
  { additionalProperties: false },
);

const Enterprise = Type.Object(
  {
    kind: Type.Literal('enterprise'),
    name: Type.String({ maxLength: 100 }),
    uscc: Type.String({ maxLength: 18 }),
    legalRepresentative: Type.String({ maxLength: 60 }),
    phone: Type.String({ maxLength: 20 }),
    password: Type.Optional(Type.String({ maxLength: 256 })),
    holderRole: Type.Optional(Type.Union([Type.Literal('legal_representative'), Type.Literal('agent')])),
  },
  { additionalProperties: false },
);

const Id = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const accountRoutes: ModuleRoutes = (http, platform) => {
  const secure = platform.config.production;

  http.post('/api/v1/auth/login', { schema: { tags: ['auth'], summary: '登录 Log in', body: Login } }, async (req, reply) => {
    const { session, actor } = await service.login(platform.ctx(req), req.body.username, req.body.password);
    reply.setCookie(SESSION_COOKIE, session.token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure,
      maxAge: SESSION_HOURS * 3600,
    });
    return { actor };
  });

  http.post('/api/v1/auth/logout', { schema: { tags: ['auth'], summary: '退出 Log out' } }, async (req, reply) => {
    if (req.sessionToken) await service.logout(platform.ctx(req), req.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  http.post('/api/v1/auth/password', { schema: { tags: ['auth'], summary: '修改密码 Change password', body: PasswordChange } }, async (req, reply) => {
    requireActor(req);
    const session = await service.changePassword(platform.ctx(req), req.body.currentPassword, req.body.newPassword);
    reply.setCookie(SESSION_COOKIE, session.token, { path: '/', httpOnly: true, sameSite: 'strict', secure, maxAge: SESSION_HOURS * 3600 });
    return { ok: true };
  });

  http.get('/api/v1/me', { schema: { tags: ['auth'], summary: '当前用户 Who am I' } }, async (req) => requireActor(req));

  http.post(
    '/api/v1/applicants',
    { schema: { tags: ['applicants'], summary: '登记申请人 Register a person or an enterprise', body: Type.Union([Person, Enterprise]) } },
    async (req, reply) => {
      const applicant = await service.registerApplicant(platform.ctx(req), req.body);
      return reply.status(201).send(applicant);
    },
  );

  http.get(
    '/api/v1/applicants',
    {
      schema: {
        tags: ['applicants'],
        summary: '查找申请人 Find applicants (masked)',
        querystring: Type.Object({ code: Type.Optional(Type.String({ maxLength: 18 })), name: Type.Optional(Type.String({ maxLength: 60 })) }),
      },
    },
    async (req) => service.listApplicants(platform.ctx(req), req.query),
  );

  http.get('/api/v1/applicants/:id', { schema: { tags: ['applicants'], params: Id } }, async (req) =>
    service.getApplicant(platform.ctx(req), req.params.id),
  );

  http.get(
    '/api/v1/staff',
    {
      schema: {
        tags: ['staff'],
        summary: '工作人员 Staff in my data scope',
        querystring: Type.Object({ departmentId: Type.Optional(Type.String({ maxLength: 64 })), role: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (req) => {
      requireActor(req);
      return service.listStaff(platform.ctx(req), req.query);
    },
  );

  http.get('/api/v1/staff/:id', { schema: { tags: ['staff'], params: Id } }, async (req) => {
    requireRole(req, 'clerk', 'approver', 'cert', 'assistant', 'supervisor', 'manager', 'catalog', 'admin', 'leader');
    return service.getStaff(platform.ctx(req), req.params.id);
  });
};
