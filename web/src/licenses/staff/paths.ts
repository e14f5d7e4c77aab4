/** Where the staff licence screens live. */
export const LICENSE_ADMIN_PATH = '/licenses';
export const staffLicensePath = (id: string) => `${LICENSE_ADMIN_PATH}/${encodeURIComponent(id)}`;
