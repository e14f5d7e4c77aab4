import { ApiError, request } from './http.js';
import type { Actor } from './types.js';

export async function fetchMe(signal?: AbortSignal): Promise<Actor | null> {
  try {
    return await request<Actor>('/api/v1/me', { signal });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) return null;
    throw e;
  }
}

export const login = (username: string, password: string) =>
  request<{ actor: Actor }>('/api/v1/auth/login', { method: 'POST', json: { username, password } });

export const logout = () => request<unknown>('/api/v1/auth/logout', { method: 'POST', json: {} });

export const changePassword = (currentPassword: string, newPassword: string) =>
  request<unknown>('/api/v1/auth/password', { method: 'POST', json: { currentPassword, newPassword } });
