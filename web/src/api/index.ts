// The application's API: one client, configured once by the session store.
import { createClient, type Query } from './client';
import type {
  Health, HistoryEntry, ImportRecord, ImportReport, Inspector, LoginResponse, MeResponse, Page, Region, RegistryStats, Unit,
} from './types';

interface Hooks {
  getCsrfToken: () => string | null;
  onUnauthorized: () => void;
  refreshCsrf: () => Promise<boolean>;
}

let hooks: Hooks = { getCsrfToken: () => null, onUnauthorized: () => {}, refreshCsrf: async () => false };

export function configureApi(h: Hooks): void {
  hooks = h;
}

export const http = createClient({
  getCsrfToken: () => hooks.getCsrfToken(),
  onUnauthorized: () => hooks.onUnauthorized(),
  refreshCsrf: () => hooks.refreshCsrf(),
});

export type TransferKind = 'units' | 'inspectors';

export const api = {
  login: (username: string, password: string, totpCode?: string) =>
    http.request<LoginResponse>('POST', '/api/v1/auth/login', {
      json: totpCode ? { username, password, totp_code: totpCode } : { username, password },
      anonymous: true,
    }),
  logout: () => http.post<unknown>('/api/v1/auth/logout'),
  /** The session probe: `anonymous` so that a 401 here is an answer (no session), not a lost one. */
  me: (anonymous = false) => http.request<MeResponse>('GET', '/api/v1/auth/me', { anonymous }),
  health: () => http.request<Health>('GET', '/api/v1/health', { anonymous: true }),

  units: (query: Query) => http.get<Page<Unit>>('/api/v1/units', query),
  unit: (id: number) => http.get<Unit>(`/api/v1/units/${id}`),
  createUnit: (unit: Partial<Unit>) => http.post<Unit>('/api/v1/units', unit),
  updateUnit: (id: number, unit: Partial<Unit>) => http.put<Unit>(`/api/v1/units/${id}`, unit),
  deleteUnit: (id: number, version: number) => http.del<unknown>(`/api/v1/units/${id}`, { version }),
  unitHistory: (id: number) => http.get<{ items: HistoryEntry[] }>(`/api/v1/units/${id}/history`),
  stats: () => http.get<RegistryStats>('/api/v1/stats/registry'),

  inspectors: (query: Query) => http.get<Page<Inspector>>('/api/v1/inspectors', query),
  createInspector: (v: Partial<Inspector>) => http.post<Inspector>('/api/v1/inspectors', v),
  updateInspector: (id: number, v: Partial<Inspector>) => http.put<Inspector>(`/api/v1/inspectors/${id}`, v),
  deleteInspector: (id: number, version: number) =>
    http.del<unknown>(`/api/v1/inspectors/${id}`, { version }),

  regions: () => http.get<{ items: Region[]; total: number }>('/api/v1/regions'),
  createRegion: (v: Partial<Region>) => http.post<Region>('/api/v1/regions', v),
  updateRegion: (id: number, v: Partial<Region>) => http.put<Region>(`/api/v1/regions/${id}`, v),
  deleteRegion: (id: number, version: number) => http.del<unknown>(`/api/v1/regions/${id}`, { version }),

  imports: () => http.get<{ items: ImportRecord[] }>('/api/v1/imports'),
  runImport: (kind: TransferKind, file: File | Blob, fileName: string, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file, fileName);
    return http.request<ImportReport>('POST', `/api/v1/imports/${kind}`, {
      form,
      query: dryRun ? { dry_run: 1 } : undefined,
      acceptStatuses: [422],
    });
  },
  download: (path: string) => http.request<Blob>('GET', path, { blob: true }),
};

/** Fetches an authorised file and hands it to the browser as a download. */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const blob = await api.download(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
