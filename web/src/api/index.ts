// The application's API: one client, configured once by the session store.
import { createClient, type Query } from './client';
import type {
  HistoryEntry, ImportRecord, ImportReport, Inspector, LoginResponse, Page, Region, RegistryStats, Unit, User,
} from './types';

interface Hooks {
  getToken: () => string | null;
  onUnauthorized: () => void;
}

let hooks: Hooks = { getToken: () => null, onUnauthorized: () => {} };

export function configureApi(h: Hooks): void {
  hooks = h;
}

export const http = createClient({
  getToken: () => hooks.getToken(),
  onUnauthorized: () => hooks.onUnauthorized(),
});

export type TransferKind = 'units' | 'inspectors';

export const api = {
  login: (username: string, password: string) =>
    http.post<LoginResponse>('/api/v1/auth/login', { username, password }),
  logout: () => http.post<unknown>('/api/v1/auth/logout'),
  me: () => http.get<User>('/api/v1/auth/me'),

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
