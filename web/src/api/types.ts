import type { CaseKind, ItemType, OnlineDepth, ServiceItemInput } from '../../../src/catalog/types.js';

export type Role = 'clerk' | 'approver' | 'cert' | 'assistant' | 'supervisor' | 'manager' | 'catalog' | 'admin' | 'leader' | 'applicant';

/** GET /api/v1/me */
export interface Actor {
  accountId: string;
  username: string;
  name: string;
  kind: 'staff' | 'applicant';
  roles: Role[];
  departmentId: string | null;
  hallId: string | null;
  applicantId: string | null;
  mustChangePassword: boolean;
}

/** One row of GET /api/v1/items */
export interface ItemSummary {
  code: string;
  baseCode: string;
  name: string;
  type: ItemType;
  typeName: string;
  departmentCode: string;
  departmentName: string;
  caseKind: CaseKind;
  promisedLimitDays: number;
  legalLimitDays: number;
  visits: number;
  onlineDepth: OnlineDepth;
  commitmentAllowed: boolean;
  version: number;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

/** GET /api/v1/items/:code */
export interface ItemDetail extends ServiceItemInput {
  version: number;
  departmentName: string;
  typeName: string;
  resultLicenseTypeName: string | null;
  updatedAt: string;
}

export interface Department {
  code: string;
  name: string;
  shortName: string;
  uscc: string;
  itemCount: number;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}
