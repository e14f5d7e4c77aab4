/**
 * 电子证照 use cases — the module's public entry. Each write is ONE transaction: load, decide with
 * the model, write, append the operation and the audit record. Verification is the hot path: one
 * indexed read and one insert into the verification log (not the audit chain: it is high-volume
 * and not a state change). Each group lives in its own file:
 *
 * - issuance.ts — issue (01) and import; lifecycle.ts — suspend, reinstate, revoke, renew, change, expire;
 * - queries.ts — staff reads, licences that satisfy materials at intake;
 * - wallet.ts — the holder's licences and presentations (亮证); grants.ts — 用证授权;
 * - verification.ts — 核验 and the public status; verifylog.ts — the batched verification log;
 * - signing.ts — signing keys; scenarios.ts — 应用场景清单; settings.ts — issuer and public URLs.
 *
 * Hooks other modules call:
 * - `issueLicense` — the certificate window (cases module) issues a licence for a granted case;
 * - `licensesSatisfying` — intake asks which valid licences satisfy materials (0 materials);
 * - `renewLicense`, `changeLicense`, `suspendLicense`, `reinstateLicense`, `revokeLicense`,
 *   `importLicenses`, `expireLicenses` (a daily job: records 04 for licences past their last day).
 */
export { DEFAULT_ISSUER, issuerId, publicBase, statusUri, verifyPath } from './settings.js';
export type { FieldValue, LicenseSummary } from './views.js';
export { importLicenses, issueLicense, type ImportLicenseInput, type IssueLicenseInput } from './issuance.js';
export {
  changeLicense,
  expireDueLicenses,
  expireLicenses,
  reinstateLicense,
  renewLicense,
  REVOKE_KINDS,
  revokeLicense,
  suspendLicense,
  type RevokeKind,
} from './lifecycle.js';
export { getLicense, licensesSatisfying, listLicenses, type StaffListQuery } from './queries.js';
export {
  createPresentation,
  getMyLicense,
  licenseQrTarget,
  listMyLicenses,
  myCredential,
  myVerifications,
  type PresentationInput,
} from './wallet.js';
export { classifyInput, licenseStatus, verify, type VerifyInput, type VerifyOutcome } from './verification.js';
export { flushVerificationLog, VERIFY_LOG_BATCH, VERIFY_LOG_FLUSH_MS } from './verifylog.js';
export { listSigningKeys, publicJwks, rotateSigningKey } from './signing.js';
export { createGrant, listGrants, revokeGrant, useGrant, type GrantInput } from './grants.js';
export { createScenario, deleteScenario, listScenarios, updateScenario, type ScenarioInput } from './scenarios.js';
