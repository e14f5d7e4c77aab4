/** Where credentials say they come from and where their QR codes lead (environment settings). */

/** `iss` of every credential (the district's government service site). Env ONEWINDOW_ISSUER overrides. */
export const DEFAULT_ISSUER = 'https://zwfw.luozhuang.gov.cn';
export const issuerId = (): string => process.env.ONEWINDOW_ISSUER ?? DEFAULT_ISSUER;
/** Base of the public URLs put into credentials and QR codes (status URI, /verify). Env ONEWINDOW_PUBLIC_URL, else the issuer. */
export const publicBase = (): string => (process.env.ONEWINDOW_PUBLIC_URL ?? issuerId()).replace(/\/+$/, '');
export const statusUri = (identifier: string) => `${publicBase()}/api/v1/licenses/status/${identifier}`;
export const verifyPath = (identifier: string) => `/verify?l=${encodeURIComponent(identifier)}`;
