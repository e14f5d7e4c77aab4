/**
 * 电子证照 HTTP API. Thin handlers over service.ts; every body is a closed TypeBox schema.
 *
 * Public (no login): JWKS, verification, the status list, scenarios, and the grant fetch (bearer secret).
 * Holder (applicant session): /api/v1/my/licenses… (own licences only; others answer 404).
 * Staff: /api/v1/licenses… (admin, certificate window, approvers for their department's types).
 */
import { Type, type TSchema } from '@sinclair/typebox';
import QRCode from 'qrcode';
import { LICENSE_STATUSES, PRESENTATION_TTL, VERIFY_RESULTS } from './model.js';
import type { ModuleRoutes } from '../platform/module.js';
import * as service from './service.js';

const closed = <T extends Record<string, TSchema>>(props: T, description?: string) =>
  Type.Object(props, { additionalProperties: false, ...(description ? { description } : {}) });

const Id = closed({ id: Type.String({ minLength: 1, maxLength: 64, description: '证照记录 id (UUIDv7)' }) });
const DateStr = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Reason = Type.String({ minLength: 1, maxLength: 500, description: '原因（记入证照操作日志）' });
const ClaimValues = Type.Record(Type.String({ maxLength: 64 }), Type.Union([Type.String({ maxLength: 4000 }), Type.Number()]), {
  description: '证照字段：键为证照类型（GET /api/v1/license-types）的 fields[].key，值为文本',
});
const Status = Type.Union(LICENSE_STATUSES.map((s) => Type.Literal(s)));

const VERIFY_DOC = `核验（无需登录）。提供且仅提供以下之一：
- token：亮证令牌（SD-JWT 展示）或完整凭证（下载的 .sd-jwt）；
- qrText：扫码或扫码枪读到的文本（\`OW1:<token>\` 亮证码，或 \`…/verify?l=<证照标识>\` 证照二维码，或证照标识本身）；
- identifier：GB/T 36904 证照标识（校验位错误 → 422）。

应答：\`{result, identifier, licenseType:{code,name}, issuer:{iss,name}, disclosed:{键:值 仅已披露字段}, fields:[{key,label,value}],
holder (仅按标识核验时，个人姓名已脱敏), presentation:{expiresAt,audience}|null, checkedAt}\`。
result ∈ valid 有效 | revoked 已注销/撤销/吊销 | suspended 暂扣 | expired 过期 | superseded 已被新版本替代 | tampered 被篡改 |
unknown_issuer 非本平台签发 | presentation_expired 亮证码已过期 | not_found 无此证照。
每次核验均记录（核验方 IP、结果），持证人可在证照夹查看。`;

const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
/** What a verifier gets (also serialised by it: a verification answers faster with a known shape). */
const VerifyOutcomeSchema = Type.Object({
  result: Type.Union(VERIFY_RESULTS.map((r) => Type.Literal(r))),
  identifier: nullable(Type.String()),
  licenseType: nullable(Type.Object({ code: Type.String(), name: Type.String() })),
  issuer: nullable(Type.Object({ iss: Type.String(), name: nullable(Type.String()) })),
  disclosed: Type.Record(Type.String(), Type.Unknown(), { description: 'exactly the disclosed claims' }),
  fields: Type.Array(Type.Object({ key: Type.String(), label: Type.String(), value: Type.Unknown() }), { description: 'the disclosed claims with their labels' }),
  holder: nullable(Type.String()),
  presentation: nullable(Type.Object({ expiresAt: Type.String(), audience: nullable(Type.String()) })),
  checkedAt: Type.String(),
});

export const licenseRoutes: ModuleRoutes = (http, platform) => {
  // the verification log is written in batches: write what is queued before the app stops
  http.addHook('onClose', async () => service.flushVerificationLog(platform.database.db));

  // -------------------------------------------------------------------------------------------
  // Public
  // -------------------------------------------------------------------------------------------
  http.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['licenses'],
        summary: '电子证照验签公钥 JWKS (Ed25519)',
        description:
          'All non-destroyed licence signing keys as OKP/Ed25519 JWKs `{kty:"OKP",crv:"Ed25519",x,kid,alg:"EdDSA",use:"sig"}`; retired keys stay listed so older licences keep verifying. Cache it to verify offline: the `kid` in a credential header names the key.',
      },
    },
    async (req, reply) => {
      reply.type('application/jwk-set+json').header('Cache-Control', 'public, max-age=300');
      return service.publicJwks(platform.ctx(req));
    },
  );

  http.get(
    '/.well-known/jwt-vc-issuer',
    { schema: { tags: ['licenses'], summary: 'SD-JWT VC 签发方元数据 Issuer metadata', description: '`{issuer, jwks}` per SD-JWT VC issuer metadata.' } },
    async (req, reply) => {
      reply.header('Cache-Control', 'public, max-age=300');
      return { issuer: service.issuerId(), jwks: await service.publicJwks(platform.ctx(req)) };
    },
  );

  http.post(
    '/api/v1/verify',
    {
      schema: {
        tags: ['licenses'],
        summary: '核验电子证照 / 亮证码 Verify a licence (no login)',
        description: VERIFY_DOC,
        body: closed({
          token: Type.Optional(Type.String({ maxLength: 64000, description: 'SD-JWT presentation or credential' })),
          qrText: Type.Optional(Type.String({ maxLength: 64000, description: 'the text a QR code or scanner gun gave' })),
          identifier: Type.Optional(Type.String({ maxLength: 300, description: '证照标识 1.2.156.3005.2.…' })),
        }),
        response: { 200: VerifyOutcomeSchema },
      },
    },
    async (req) => service.verify(platform.ctx(req), req.body),
  );

  http.get(
    '/api/v1/licenses/status/:identifier',
    {
      schema: {
        tags: ['licenses'],
        summary: '证照状态查询（状态列表条目）Public status of one licence',
        description:
          'No login, no personal data: `{identifier, status, statusReason, typeCode, typeName, issuerName, version, validFrom, validUntil, supersededBy, checkedAt}`. status as of today (expiry computed from the date). Wrong check character → 422; unknown → 404.',
        params: closed({ identifier: Type.String({ maxLength: 300 }) }),
      },
    },
    async (req, reply) => {
      reply.header('Cache-Control', 'no-cache');
      return service.licenseStatus(platform.ctx(req), req.params.identifier);
    },
  );

  http.get(
    '/api/v1/license-scenarios',
    {
      schema: {
        tags: ['licenses'],
        summary: '电子证照应用场景清单 Where licences are accepted',
        description: '`{items:[{id, name, description, licenseTypes:[{code,name}], fields:[{key,label}] (what a verifier there needs), sort}]}`',
      },
    },
    async (req) => service.listScenarios(platform.ctx(req)),
  );

  http.get(
    '/api/v1/grants/:grantId/license',
    {
      schema: {
        tags: ['licenses'],
        summary: '被授权单位调取证照 Fetch a granted licence (用证授权)',
        description:
          'Header `Authorization: Bearer <grant secret>` (given once when the holder made the grant). Answers `{grant, result, identifier, licenseType, issuer, disclosed (granted fields only), fields, token (a 5-minute signed presentation of the granted fields), checkedAt}`. 401 grant_invalid (unknown grant or wrong secret), 403 grant_revoked / grant_expired. Every use is logged for the holder.',
        params: closed({ grantId: Type.String({ maxLength: 64 }) }),
      },
    },
    async (req) => {
      const h = req.headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)$/i.exec(h);
      return service.useGrant(platform.ctx(req), req.params.grantId, m ? m[1] : null);
    },
  );

  // -------------------------------------------------------------------------------------------
  // Holder wallet (applicant session)
  // -------------------------------------------------------------------------------------------
  http.get(
    '/api/v1/my/licenses',
    {
      schema: {
        tags: ['licenses', 'portal'],
        summary: '我的证照 My licences',
        description:
          '`{total, items:[{id, identifier, typeCode, typeName, version, status, statusReason, holder, issuer:{code,name,departmentCode}, issuedOn, validFrom, validUntil (null = 长期), source, caseNo, previousId, supersededBy, verifyUrl, …}]}`. Current versions only unless includeSuperseded=1.',
        querystring: closed({ includeSuperseded: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0')])) }),
      },
    },
    async (req) => service.listMyLicenses(platform.ctx(req), { includeSuperseded: req.query.includeSuperseded === '1' }),
  );

  http.get(
    '/api/v1/my/licenses/:id',
    {
      schema: {
        tags: ['licenses', 'portal'],
        summary: '证照详情（含凭证）My licence, with its credential',
        description:
          'The summary fields plus `claims`, `fields:[{key,label,value}]`, `disclosable:[{key,label}]` (what a presentation may disclose), `versions`, `operations:[{code,operation,name,reason,actor,at}]`, `kid`, `credential` (SD-JWT VC compact string). Another holder’s licence → 404.',
        params: Id,
      },
    },
    async (req) => service.getMyLicense(platform.ctx(req), req.params.id),
  );

  http.get(
    '/api/v1/my/licenses/:id/credential',
    {
      schema: {
        tags: ['licenses', 'portal'],
        summary: '下载凭证 Download the credential (application/dc+sd-jwt)',
        params: Id,
      },
    },
    async (req, reply) => {
      const c = await service.myCredential(platform.ctx(req), req.params.id);
      reply
        .type('application/dc+sd-jwt')
        .header('Content-Disposition', `attachment; filename="${c.identifier}.sd-jwt"`)
        .header('Cache-Control', 'no-store')
        .header('X-Content-Type-Options', 'nosniff');
      return c.credential;
    },
  );

  http.post(
    '/api/v1/my/licenses/:id/presentations',
    {
      schema: {
        tags: ['licenses', 'portal'],
        summary: '亮证：生成限时、按需披露的亮证码 Present selected fields',
        description: `Body: disclose = the claim keys to reveal (from \`disclosable\`), ttlMinutes ${PRESENTATION_TTL.min}..${PRESENTATION_TTL.max} (default ${PRESENTATION_TTL.default}), audience (optional, e.g. the hotel’s name).
Answer: \`{id, licenseId, identifier, token, qrText, verifyUrl, disclosed, audience, issuedAt, expiresAt}\`.
token = \`<issuer JWT>~<chosen disclosures>~<presentation JWT>\`: the licence’s SD-JWT with only the chosen disclosures, then a server-signed JWT (typ ow-presentation+jwt, same Ed25519 keys) holding exp and sd_hash of the rest, so it expires and cannot be extended. qrText = "OW1:" + token (URL-safe ASCII: QR byte mode). verifyUrl = "/verify#" + qrText (fragment: never sent to servers). Only a valid licence can be presented (409 otherwise).`,
        params: Id,
        body: closed({
          disclose: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64, description: 'claim keys to disclose' }),
          ttlMinutes: Type.Optional(Type.Integer({ minimum: PRESENTATION_TTL.min, maximum: PRESENTATION_TTL.max, description: 'minutes the QR stays valid' })),
          audience: Type.Optional(Type.String({ maxLength: 200, description: 'who it is shown to (recorded, shown to the verifier)' })),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return service.createPresentation(platform.ctx(req), req.params.id, req.body);
    },
  );

  http.get(
    '/api/v1/my/licenses/:id/verifications',
    {
      schema: {
        tags: ['licenses', 'portal'],
        summary: '核验记录 Who verified my licence',
        description: '`{items:[{id, at, channel (token|qr|identifier|grant), result, identifier, verifierIp (masked), audience, disclosed:[keys], grantId, orgUscc}]}`, newest first, all versions of the licence.',
        params: Id,
        querystring: closed({ limit: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,2}$', description: '1..500, default 100' })) }),
      },
    },
    async (req) => service.myVerifications(platform.ctx(req), req.params.id, { limit: req.query.limit ? Number(req.query.limit) : undefined }),
  );

  http.post(
    '/api/v1/my/licenses/:id/grants',
    {
      schema: {
        tags: ['licenses', 'portal'],
        summary: '用证授权：授权单位调取证照 Grant an organisation use of a licence',
        description:
          'Answer (201): the grant `{id, licenseId, orgUscc, orgName, purpose, fields, validUntil, state, createdAt, revokedAt, useCount, lastUsedAt, fetchUrl}` plus `secret` — shown ONCE (only its hash is kept); the organisation calls `GET fetchUrl` with `Authorization: Bearer <secret>`. Invalid orgUscc → 422 naming orgUscc.',
        params: Id,
        body: closed({
          orgUscc: Type.String({ maxLength: 32, description: '被授权单位统一社会信用代码 (GB 32100 check)' }),
          orgName: Type.String({ minLength: 1, maxLength: 200 }),
          purpose: Type.String({ minLength: 1, maxLength: 500, description: '用途' }),
          validUntil: DateStr('授权截止日期（含当日）'),
          fields: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64, description: 'claim keys the organisation may see (default all)' })),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return service.createGrant(platform.ctx(req), req.params.id, req.body);
    },
  );

  http.get(
    '/api/v1/my/licenses/:id/grants',
    { schema: { tags: ['licenses', 'portal'], summary: '我的用证授权 Grants of a licence', description: '`{items:[grant]}` (state active|revoked|expired, useCount, lastUsedAt)', params: Id } },
    async (req) => service.listGrants(platform.ctx(req), req.params.id),
  );

  http.delete(
    '/api/v1/my/licenses/:id/grants/:grantId',
    {
      schema: {
        tags: ['licenses', 'portal'],
        summary: '撤回授权 Revoke a grant',
        params: closed({ id: Type.String({ maxLength: 64 }), grantId: Type.String({ maxLength: 64 }) }),
      },
    },
    async (req) => service.revokeGrant(platform.ctx(req), req.params.id, req.params.grantId),
  );

  // -------------------------------------------------------------------------------------------
  // Staff
  // -------------------------------------------------------------------------------------------
  http.get(
    '/api/v1/licenses',
    {
      schema: {
        tags: ['licenses'],
        summary: '电子证照库 Licence register (staff)',
        description:
          'admin and certificate windows see all; an approver only licences of types its department issues. Holder ID numbers masked. `{total, page, pageSize, items:[summary]}`; current versions only unless status=superseded.',
        querystring: closed({
          typeCode: Type.Optional(Type.String({ maxLength: 32 })),
          status: Type.Optional(Status),
          q: Type.Optional(Type.String({ maxLength: 100, description: 'holder name (contains), or exact identifier / holder code / case number' })),
          holderApplicantId: Type.Optional(Type.String({ maxLength: 64 })),
          page: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,5}$', description: '1-based page' })),
          pageSize: Type.Optional(Type.String({ pattern: '^[1-9]\\d{0,2}$', description: '1..100, default 20' })),
        }),
      },
    },
    async (req) => {
      const { page, pageSize, ...q } = req.query;
      return service.listLicenses(platform.ctx(req), {
        ...q,
        page: page === undefined ? undefined : Number(page),
        pageSize: pageSize === undefined ? undefined : Number(pageSize),
      });
    },
  );

  http.post(
    '/api/v1/licenses',
    {
      schema: {
        tags: ['licenses'],
        summary: '签发电子证照（出证）Issue a licence',
        description:
          'Certificate window, admin, or an approver of the type’s issuing department. Identifier `1.2.156.3005.2.{type code}.{issuing department USCC}.{8-digit serial per type+issuer}.001.{MOD 37,36 check}`. validUntil omitted → the type’s validity years (or 长期); null → 长期. Answer (201): the licence detail.',
        body: closed({
          typeCode: Type.String({ maxLength: 32 }),
          holderApplicantId: Type.String({ maxLength: 64 }),
          claims: ClaimValues,
          validFrom: Type.Optional(DateStr('有效期起，默认今天')),
          validUntil: Type.Optional(Type.Union([DateStr('有效期至（最后有效日）'), Type.Null()])),
          caseNo: Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()])),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return service.issueLicense(platform.ctx(req), req.body);
    },
  );

  http.post(
    '/api/v1/licenses/import',
    {
      schema: {
        tags: ['licenses'],
        summary: '导入异地/存量证照 Import licences issued elsewhere (admin)',
        description: 'All or nothing; errors name `licenses.{i}.{field}`. With `identifier` the original GB/T 36904 identifier is kept (check character verified); otherwise one is made from `issuerCode`.',
        body: closed({
          licenses: Type.Array(
            closed({
              typeCode: Type.String({ maxLength: 32 }),
              holderApplicantId: Type.String({ maxLength: 64 }),
              claims: ClaimValues,
              identifier: Type.Optional(Type.String({ maxLength: 300 })),
              issuerCode: Type.Optional(Type.String({ maxLength: 32 })),
              issuerName: Type.String({ minLength: 1, maxLength: 200 }),
              issuedOn: DateStr('发证日期'),
              validFrom: DateStr('有效期起'),
              validUntil: Type.Union([DateStr('有效期至'), Type.Null()]),
            }),
            { minItems: 1, maxItems: 1000 },
          ),
        }),
      },
    },
    async (req, reply) => {
      reply.status(201);
      return service.importLicenses(platform.ctx(req), req.body.licenses);
    },
  );

  http.get(
    '/api/v1/licenses/keys',
    { schema: { tags: ['licenses'], summary: '签名密钥列表（管理员）Signing keys (public data only)' } },
    async (req) => service.listSigningKeys(platform.ctx(req)),
  );

  http.post(
    '/api/v1/licenses/keys/rotate',
    {
      schema: {
        tags: ['licenses'],
        summary: '轮换签名密钥（管理员）Rotate the signing key',
        description: 'A new Ed25519 key signs from now on; the old one is retired but stays in the JWKS and keeps verifying. `{kid, previousKid, rotatedAt}`',
      },
    },
    async (req) => service.rotateSigningKey(platform.ctx(req)),
  );

  http.post(
    '/api/v1/licenses/actions/expire-due',
    { schema: { tags: ['licenses'], summary: '记录到期证照（04 过期）Record expiry of licences past their last day (admin; a daily job)' } },
    async (req) => service.expireDueLicenses(platform.ctx(req)),
  );

  http.get(
    '/api/v1/licenses/:id',
    {
      schema: {
        tags: ['licenses'],
        summary: '证照详情（工作人员）Licence detail (staff)',
        description: 'Summary plus claims, fields, versions, operations log and credential. Outside the actor’s scope → 404.',
        params: Id,
      },
    },
    async (req) => service.getLicense(platform.ctx(req), req.params.id),
  );

  http.get(
    '/api/v1/licenses/:id/qr.png',
    {
      schema: {
        tags: ['licenses'],
        summary: '证照核验二维码 PNG QR code of the verify URL',
        description: 'Encodes `{ONEWINDOW_PUBLIC_URL or issuer}/verify?l=<identifier>`. For the holder or staff who may see the licence.',
        params: Id,
      },
    },
    async (req, reply) => {
      const url = await service.licenseQrTarget(platform.ctx(req), req.params.id);
      const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 320 });
      reply.type('image/png').header('Cache-Control', 'private, max-age=300');
      return png;
    },
  );

  const actionDoc = (zh: string, code: string) => ({
    tags: ['licenses'],
    summary: `${zh}（${code}）`,
    description: 'Admin or an approver of the issuing department. Refused with 409 license_state when the status does not allow it. Answers the licence detail (for renew/change: the NEW version; the old one becomes superseded).',
    params: Id,
  });

  http.post(
    '/api/v1/licenses/:id/actions/suspend',
    { schema: { ...actionDoc('暂扣 Suspend', '03'), body: closed({ reason: Reason }) } },
    async (req) => service.suspendLicense(platform.ctx(req), req.params.id, req.body),
  );
  http.post(
    '/api/v1/licenses/:id/actions/reinstate',
    { schema: { ...actionDoc('暂扣发还 Reinstate', '06'), body: closed({ reason: Reason }) } },
    async (req) => service.reinstateLicense(platform.ctx(req), req.params.id, req.body),
  );
  http.post(
    '/api/v1/licenses/:id/actions/revoke',
    {
      schema: {
        ...actionDoc('注销/撤销/吊销 Revoke', '05'),
        body: closed({
          reason: Reason,
          kind: Type.Optional(Type.Union([Type.Literal('cancel'), Type.Literal('withdraw'), Type.Literal('revoke')], { description: 'cancel 注销 (default) | withdraw 撤销 | revoke 吊销' })),
        }),
      },
    },
    async (req) => service.revokeLicense(platform.ctx(req), req.params.id, req.body),
  );
  http.post(
    '/api/v1/licenses/:id/actions/renew',
    {
      schema: {
        ...actionDoc('延续 Renew', '02'),
        body: closed({ reason: Reason, validUntil: Type.Optional(Type.Union([DateStr('新的有效期至，默认按证照类型有效年限顺延'), Type.Null()])) }),
      },
    },
    async (req) => service.renewLicense(platform.ctx(req), req.params.id, req.body),
  );
  http.post(
    '/api/v1/licenses/:id/actions/change',
    {
      schema: {
        ...actionDoc('变更 Change', '08'),
        body: closed({ reason: Reason, claims: ClaimValues, validUntil: Type.Optional(Type.Union([DateStr('有效期至'), Type.Null()])) }),
      },
    },
    async (req) => service.changeLicense(platform.ctx(req), req.params.id, req.body),
  );

  // -------------------------------------------------------------------------------------------
  // Scenario list (admin writes)
  // -------------------------------------------------------------------------------------------
  const ScenarioBody = closed({
    name: Type.String({ minLength: 1, maxLength: 100, description: '场景名称，如 宾馆入住' }),
    description: Type.Optional(Type.String({ maxLength: 1000 })),
    licenseTypeCodes: Type.Array(Type.String({ maxLength: 32 }), { minItems: 1, maxItems: 50, description: '可使用的证照类型代码' }),
    fields: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 64, description: '该场景核验方通常需要的字段键' }),
    sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000 })),
  });
  http.post(
    '/api/v1/license-scenarios',
    { schema: { tags: ['licenses'], summary: '新增应用场景（管理员）Add a scenario', body: ScenarioBody } },
    async (req, reply) => {
      reply.status(201);
      return service.createScenario(platform.ctx(req), req.body);
    },
  );
  http.put(
    '/api/v1/license-scenarios/:id',
    { schema: { tags: ['licenses'], summary: '修改应用场景（管理员）Update a scenario', params: Id, body: ScenarioBody } },
    async (req) => service.updateScenario(platform.ctx(req), req.params.id, req.body),
  );
  http.delete(
    '/api/v1/license-scenarios/:id',
    { schema: { tags: ['licenses'], summary: '删除应用场景（管理员）Delete a scenario', params: Id } },
    async (req) => service.deleteScenario(platform.ctx(req), req.params.id),
  );
};
