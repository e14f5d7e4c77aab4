import {
  CASE_KINDS,
  DELIVERY_MODES,
  EXERCISE_LEVELS,
  HANDLING_FORMS,
  ITEM_TYPES,
  ONLINE_DEPTHS,
  SERVICE_OBJECTS,
  STEP_ROLES,
  TIERS,
} from '../../../src/catalog/types.js';
import type { Lang } from '../i18n/translate.js';

/** The catalog's code lists: Chinese labels from the server's vocabulary, English beside them. */
const VOCAB = {
  itemType: {
    zh: ITEM_TYPES,
    en: {
      '01': 'Administrative licensing',
      '02': 'Administrative penalty',
      '03': 'Administrative enforcement',
      '04': 'Administrative levy',
      '05': 'Administrative payment',
      '06': 'Administrative inspection',
      '07': 'Administrative confirmation',
      '08': 'Administrative reward',
      '09': 'Administrative adjudication',
      '10': 'Other administrative power',
      '20': 'Public service',
    },
  },
  exerciseLevel: {
    zh: EXERCISE_LEVELS,
    en: { 1: 'National', 2: 'Provincial', 3: 'Municipal', 4: 'County / district', 5: 'Town / street', 6: 'Village / community' },
  },
  caseKind: { zh: CASE_KINDS, en: { 1: 'Instant item', 2: 'Promised item' } },
  serviceObject: {
    zh: SERVICE_OBJECTS,
    en: {
      1: 'Natural person',
      2: 'Enterprise legal person',
      3: 'Public institution',
      4: 'Social organisation',
      5: 'Unincorporated enterprise',
      6: 'Government agency',
      9: 'Other organisation',
    },
  },
  handlingForm: { zh: HANDLING_FORMS, en: { 1: 'At a window', 2: 'Online', 3: 'Mobile app', 4: 'By post' } },
  onlineDepth: {
    zh: ONLINE_DEPTHS,
    en: { 1: 'Online enquiry', 2: 'Online submission', 3: 'Online pre-review', 4: 'Online acceptance', 5: 'Fully online' },
  },
  tier: {
    zh: TIERS,
    en: { district: 'District service centre', branch: 'Branch hall', town: 'Town service centre', village: 'Village service station', partner: 'Partner point' },
  },
  delivery: { zh: DELIVERY_MODES, en: { pickup: 'Pick up at a window', mail: 'Free mail delivery' } },
  stepRole: { zh: STEP_ROLES, en: { review: 'Review', decide: 'Decision', inspect: 'On-site inspection' } },
} as const;

export type Vocab = keyof typeof VOCAB;

/** The label of `code` in list `list`, or the code itself when unknown. */
export function label(list: Vocab, code: string | number, lang: Lang): string {
  const table = VOCAB[list][lang] as Record<string | number, string>;
  return table[code] ?? String(code);
}

/** Labels of several codes joined for display. */
export function labels(list: Vocab, codes: readonly (string | number)[], lang: Lang): string {
  return codes.map((c) => label(list, c, lang)).join(lang === 'zh' ? '、' : ', ');
}

/** All [code, label] pairs of a list, for filters. */
export function options(list: Vocab, lang: Lang): { value: string; label: string }[] {
  return Object.entries(VOCAB[list][lang] as Record<string, string>).map(([value, l]) => ({ value, label: l }));
}
