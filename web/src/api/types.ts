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

/** One row of GET /api/v1/items (the server's own type, so screens cannot drift from the API). */
export type { ItemSummary } from '../../../src/catalog/service.js';

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

/** GET /api/v1/items/:code */
export type { ItemDetail } from '../../../src/catalog/service.js';

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
