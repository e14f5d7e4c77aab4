import { ApiError } from '../../api/http.js';
import type { Lang } from '../../i18n/translate.js';

export type FieldPath = (string | number)[];

/** "materials.0.name" → ['materials', 0, 'name'] (antd Form's name path). */
export const toPath = (field: string): FieldPath => field.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** The problem's field errors as antd `setFields` entries, grouped per field. */
export function problemFields(err: unknown, lang: Lang): { name: FieldPath; errors: string[] }[] {
  if (!(err instanceof ApiError)) return [];
  const byField = new Map<string, string[]>();
  for (const e of err.problem.errors ?? []) {
    const list = byField.get(e.field) ?? [];
    list.push(lang === 'zh' ? e.zh : e.en);
    byField.set(e.field, list);
  }
  return [...byField].map(([field, errors]) => ({ name: toPath(field), errors }));
}
