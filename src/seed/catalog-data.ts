/**
 * The demo district's catalog (罗庄区): 34 departments, licence types and the 515 service items
 * taken into the one-window system (see ../../shared/seed: 纳入一窗受理事项515项, 34个部门, 133项告知承诺).
 * Deterministic: the same data on every run.
 */
import type { ServiceItemInput } from '../catalog/types.js';
import { buildDepartmentItems, type DeptRows } from './catalog-data/build.js';
import { departments } from './catalog-data/departments.js';
import { licenseTypes } from './catalog-data/license-types.js';
import { approvalBureau, hrss, market, police } from './catalog-data/items-market.js';
import { civil, education, health, housing, naturalResources } from './catalog-data/items-social.js';
import * as other from './catalog-data/items-other.js';

export { departments, licenseTypes };
export { LT as LICENSE_TYPE_CODES } from './catalog-data/license-types.js';

const tables: DeptRows[] = [
  approvalBureau, police, hrss, market, health, naturalResources, housing, education, civil,
  other.justice, other.finance, other.ecology, other.transport, other.agriculture, other.water, other.culture,
  other.emergency, other.veterans, other.medicalInsurance, other.tax, other.cityAdmin, other.commerce,
  other.statistics, other.fireRescue, other.meteorology, other.disabledFederation, other.housingFund,
  other.realEstate, other.tobacco, other.power, other.waterSupply, other.gasSupply, other.archives, other.development,
];

/** Expands the department tables into full items (pure: the same result on every call). */
export function buildItems(): ServiceItemInput[] {
  return tables.flatMap(buildDepartmentItems);
}

export const items: ServiceItemInput[] = buildItems();
