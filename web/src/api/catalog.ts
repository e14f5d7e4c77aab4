import type { ServiceItemInput } from '../../../src/catalog/types.js';
import { query, request } from './http.js';
import type { Department, ImportResult, ItemDetail, ItemSummary, Page } from './types.js';

export interface ItemQuery {
  q?: string;
  department?: string;
  type?: string;
  page?: number;
  pageSize?: number;
}

export const searchItems = (q: ItemQuery, signal?: AbortSignal) =>
  request<Page<ItemSummary>>(`/api/v1/items${query({ ...q })}`, { signal });

export const fetchItem = (code: string, signal?: AbortSignal) =>
  request<ItemDetail>(`/api/v1/items/${encodeURIComponent(code)}`, { signal });

export const fetchDepartments = (signal?: AbortSignal) =>
  request<{ total: number; items: Department[] }>('/api/v1/departments', { signal });

export const saveItem = (item: ServiceItemInput) =>
  request<ItemDetail>(`/api/v1/items/${encodeURIComponent(item.code)}`, { method: 'PUT', json: item });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_URL = '/api/v1/catalog/export.xlsx';

export const importCatalog = (file: Blob) =>
  request<ImportResult>('/api/v1/catalog/import', { method: 'POST', raw: file, contentType: XLSX_TYPE });
