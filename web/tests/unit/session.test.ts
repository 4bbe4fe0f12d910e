import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { installStorage } from './setup-storage';

const storage = installStorage();
const { installSessionHooks, useSession, TOKEN_KEY, USER_KEY } = await import('../../src/stores/session');

const user = { id: 1, username: 'admin', display_name: '应急办管理员', role: 'admin', role_label: '管理员', jurisdiction_id: 2, unit_id: null };

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('session store', () => {
  beforeEach(() => {
    storage.clear();
    setActivePinia(createPinia());
    vi.unstubAllGlobals();
  });

  it('persists the token and user after login', async () => {
    const fetchMock = vi.fn(async () => respond(200, { token: 'abc', expires_at: 1, user }));
    vi.stubGlobal('fetch', fetchMock);
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.login(' admin ', 'Anjian@2024');
    expect(s.isAuthenticated).toBe(true);
    expect(storage.getItem(TOKEN_KEY)).toBe('abc');
    expect(JSON.parse(storage.getItem(USER_KEY)!).username).toBe('admin');
    const body = JSON.parse((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body as string);
    expect(body).toEqual({ username: 'admin', password: 'Anjian@2024' });
  });

  it('restores the session from storage', () => {
    storage.setItem(TOKEN_KEY, 'saved');
    storage.setItem(USER_KEY, JSON.stringify(user));
    const s = useSession();
    expect(s.token).toBe('saved');
    expect(s.user?.display_name).toBe('应急办管理员');
    expect(s.canEdit).toBe(true);
  });

  it('clears the session and notifies on 401', async () => {
    storage.setItem(TOKEN_KEY, 'expired');
    storage.setItem(USER_KEY, JSON.stringify(user));
    vi.stubGlobal('fetch', vi.fn(async () => respond(401, { error: { code: 'unauthenticated', message: '请先登录' } })));
    const s = useSession();
    const onLoggedOut = vi.fn();
    installSessionHooks(s, onLoggedOut);
    await expect(s.refreshMe()).rejects.toMatchObject({ status: 401, message: '请先登录' });
    expect(s.token).toBeNull();
    expect(s.user).toBeNull();
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
    expect(storage.getItem(USER_KEY)).toBeNull();
    expect(onLoggedOut).toHaveBeenCalledTimes(1);
  });

  it('does not keep a token after a failed login', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(401, { error: { code: 'unauthenticated', message: '账号或密码错误' } })));
    const s = useSession();
    installSessionHooks(s, () => {});
    await expect(s.login('admin', 'wrong')).rejects.toMatchObject({ message: '账号或密码错误' });
    expect(s.isAuthenticated).toBe(false);
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
  });

  it('logs out locally even when the server call fails', async () => {
    storage.setItem(TOKEN_KEY, 'abc');
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline'); }));
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.logout();
    expect(s.token).toBeNull();
    expect(storage.getItem(TOKEN_KEY)).toBeNull();
  });
});
