import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { installStorage } from './setup-storage';
import { filledDraft } from './fixtures';

const storage = installStorage();
const { installSessionHooks, useSession, USER_KEY, LEGACY_TOKEN_KEY } = await import('../../src/stores/session');
const { inspectionDrafts, draftId } = await import('../../src/lib/inspectionDrafts');
const { deviceSession } = await import('../../src/lib/deviceSession');
const { api } = await import('../../src/api');

const user = { id: 1, username: 'admin', display_name: '应急办管理员', role: 'admin', role_label: '管理员', jurisdiction_id: 2, unit_id: null };
const TOKEN = 'secret-session-token-abc';

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

type Route = (init: RequestInit) => Response | Promise<Response>;
/** fetch answering by "METHOD path"; records every call. */
function server(routes: Record<string, Route>) {
  const calls: { method: string; path: string; headers: Record<string, string>; body: unknown; credentials?: string }[] = [];
  const fn = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = url.replace(/\?.*$/, '');
    calls.push({
      method, path, headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined, credentials: init.credentials,
    });
    const route = routes[`${method} ${path}`];
    if (!route) return respond(404, { error: { code: 'not_found', message: '接口不存在 (no such route)' } });
    return route(init);
  });
  vi.stubGlobal('fetch', fn);
  return calls;
}

const loginOk = () => respond(200, { token: TOKEN, csrf_token: 'csrf-1', expires_at: 1, user, must_change_password: false });

/** Every string the device keeps in localStorage. */
const everythingStored = () => Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i)!)}`).join('\n');

async function saveDraft(userId: number, taskId: number) {
  const d = filledDraft();
  d.results.C1.photos.push({ id: 'x', name: 'b.jpg', thumb: 'data:image/jpeg;base64,AA==', data: 'data:image/jpeg;base64,/9j/AA==', sha: null, status: 'pending' });
  await inspectionDrafts().save(draftId(userId, taskId), d);
}

describe('session store', () => {
  beforeEach(async () => {
    storage.clear();
    setActivePinia(createPinia());
    vi.unstubAllGlobals();
    deviceSession.begin();
    await inspectionDrafts().clear();
  });

  it('after login keeps no token anywhere on the device, only the profile; the CSRF token stays in memory', async () => {
    storage.setItem(LEGACY_TOKEN_KEY, 'old-token-from-an-older-version');
    const calls = server({ 'POST /api/v1/auth/login': loginOk });
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.login(' admin ', 'Anjian@2024');
    expect(s.isAuthenticated).toBe(true);
    expect(s.csrf).toBe('csrf-1');
    expect(storage.getItem(LEGACY_TOKEN_KEY)).toBeNull();
    expect(everythingStored()).not.toContain(TOKEN);
    expect(everythingStored()).not.toContain('csrf-1');
    expect(JSON.parse(storage.getItem(USER_KEY)!).username).toBe('admin');
    expect(calls[0].body).toEqual({ username: 'admin', password: 'Anjian@2024' });
    expect(calls[0].credentials).toBe('same-origin');
    expect(JSON.stringify(s.$state)).not.toContain(TOKEN);
  });

  it('writes after login carry the CSRF token; reads do not', async () => {
    const calls = server({
      'POST /api/v1/auth/login': loginOk,
      'GET /api/v1/units': () => respond(200, { items: [], total: 0, page: 1, page_size: 20 }),
      'POST /api/v1/units': () => respond(201, { id: 5 }),
    });
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.login('admin', 'Anjian@2024');
    await api.units({});
    await api.createUnit({ name: 'x' });
    const unitCall = (method: string) => calls.find((c) => c.method === method && c.path === '/api/v1/units')!;
    expect(unitCall('GET').headers['X-CSRF-Token']).toBeUndefined();
    expect(unitCall('POST').headers['X-CSRF-Token']).toBe('csrf-1');
    expect(calls.every((c) => c.headers.Authorization === undefined)).toBe(true);
  });

  it('sends the one-time code when the server asks for it (401 mfa_required)', async () => {
    const calls = server({
      'POST /api/v1/auth/login': (init) => (JSON.parse(init.body as string).totp_code === '123456'
        ? loginOk() : respond(401, { error: { code: 'mfa_required', message: '请输入动态验证码' } })),
    });
    const s = useSession();
    const onLoggedOut = vi.fn();
    installSessionHooks(s, onLoggedOut);
    await expect(s.login('admin', 'pw')).rejects.toMatchObject({ code: 'mfa_required' });
    expect(s.isAuthenticated).toBe(false);
    await s.login('admin', 'pw', ' 123456 ');
    expect(calls[1].body).toEqual({ username: 'admin', password: 'pw', totp_code: '123456' });
    expect(s.isAuthenticated).toBe(true);
    expect(onLoggedOut).not.toHaveBeenCalled();
  });

  it('can(action) answers from the allowed_actions of /auth/me, asked right after the login', async () => {
    server({
      'POST /api/v1/auth/login': loginOk,
      'GET /api/v1/auth/me': () => respond(200, { ...user, csrf_token: 'csrf-2', allowed_actions: ['read_plans', 'compile_plan', 'inspect'] }),
    });
    const s = useSession();
    installSessionHooks(s, () => {});
    expect(s.can('compile_plan')).toBe(false);
    await s.login('admin', 'Anjian@2024');
    expect(s.can('compile_plan')).toBe(true);
    expect(s.can('inspect')).toBe(true);
    // the role is admin, but the server does not list approve_plan: no 批准 button
    expect(s.can('approve_plan')).toBe(false);
    expect(s.can('write_registry')).toBe(false);
  });

  it('can(action) is false for everything when /auth/me does not answer after the login', async () => {
    server({ 'POST /api/v1/auth/login': loginOk });
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.login('admin', 'Anjian@2024');
    expect(s.isAuthenticated).toBe(true);
    expect(s.can('read_registry')).toBe(false);
  });

  it('remembers must_change_password from the login answer', async () => {
    server({ 'POST /api/v1/auth/login': () => respond(200, { csrf_token: 'c', expires_at: 1, user, must_change_password: true }) });
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.login('admin', 'temp');
    expect(s.mustChangePassword).toBe(true);
    s.passwordChanged();
    expect(s.mustChangePassword).toBe(false);
    expect(JSON.parse(storage.getItem(USER_KEY)!).must_change_password).toBe(false);
  });

  it('start-up: /auth/me confirms the session (flat or wrapped answer) and tells demo and the CSRF token', async () => {
    server({ 'GET /api/v1/auth/me': () => respond(200, { ...user, csrf_token: 'csrf-me', demo: true }) });
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.ensure();
    expect(s.status).toBe('signedIn');
    expect(s.user?.username).toBe('admin');
    expect((s.user as Record<string, unknown>).csrf_token).toBeUndefined();
    expect(s.csrf).toBe('csrf-me');
    expect(s.demo).toBe(true);

    setActivePinia(createPinia());
    server({ 'GET /api/v1/auth/me': () => respond(200, { user: { ...user, username: 'leader' }, csrf_token: 'c2', demo: false }) });
    const s2 = useSession();
    await s2.ensure();
    expect(s2.user?.username).toBe('leader');
    expect(s2.demo).toBe(false);
  });

  it('start-up without a session (401) shows the login page and says nothing', async () => {
    server({ 'GET /api/v1/auth/me': () => respond(401, { error: { code: 'unauthenticated', message: '请先登录' } }) });
    const s = useSession();
    const notify = vi.fn();
    const onLoggedOut = vi.fn();
    installSessionHooks(s, { onLoggedOut, notifyExpired: notify });
    await s.ensure();
    expect(s.status).toBe('signedOut');
    expect(s.isAuthenticated).toBe(false);
    expect(notify).not.toHaveBeenCalled();
    expect(onLoggedOut).not.toHaveBeenCalled();
  });

  it('start-up offline keeps the cached profile (inspections go on without network)', async () => {
    storage.setItem(USER_KEY, JSON.stringify(user));
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline'); }));
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.ensure();
    expect(s.status).toBe('offline');
    expect(s.isAuthenticated).toBe(true);
  });

  it('demo flag from GET /health on the login page', async () => {
    server({ 'GET /api/v1/health': () => respond(200, { status: 'ok', demo: true }) });
    const s = useSession();
    expect(await s.loadDemo()).toBe(true);
    expect(s.demo).toBe(true);
  });
});

describe('drafts leave the device with the session', () => {
  beforeEach(async () => {
    storage.clear();
    setActivePinia(createPinia());
    vi.unstubAllGlobals();
    deviceSession.begin();
    await inspectionDrafts().clear();
  });

  it('logout ends the session on the server (with the CSRF token) and removes every draft, photos and signatures included', async () => {
    const calls = server({ 'POST /api/v1/auth/login': loginOk, 'POST /api/v1/auth/logout': () => respond(200, {}) });
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.login('admin', 'Anjian@2024');
    await saveDraft(1, 7);
    await saveDraft(1, 8);
    await saveDraft(2, 9); // another user's, on the same phone
    expect(await inspectionDrafts().ids()).toHaveLength(3);
    expect(everythingStored()).toContain('data:image/png;base64');

    await s.logout();
    expect(calls.at(-1)).toMatchObject({ method: 'POST', path: '/api/v1/auth/logout' });
    expect(calls.at(-1)!.headers['X-CSRF-Token']).toBe('csrf-1');
    expect(await inspectionDrafts().ids()).toEqual([]);
    expect(everythingStored()).not.toContain('data:image');
    expect(storage.getItem(USER_KEY)).toBeNull();
    expect(s.isAuthenticated).toBe(false);

    // a form closing after the logout does not write its draft back
    await saveDraft(1, 7);
    expect(await inspectionDrafts().ids()).toEqual([]);
  });

  it('logout removes the drafts even when the server cannot be reached', async () => {
    server({ 'POST /api/v1/auth/login': loginOk });
    const s = useSession();
    installSessionHooks(s, () => {});
    await s.login('admin', 'Anjian@2024');
    await saveDraft(1, 7);
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline'); }));
    await s.logout();
    expect(s.user).toBeNull();
    expect(await inspectionDrafts().ids()).toEqual([]);
  });

  it('a 401 on a signed-in session: the user is told (with the count) first, then the drafts go', async () => {
    server({
      'POST /api/v1/auth/login': loginOk,
      'GET /api/v1/tasks': () => respond(401, { error: { code: 'unauthenticated', message: '登录已过期' } }),
    });
    const s = useSession();
    const order: string[] = [];
    let countWhenTold = -1;
    const notify = vi.fn(async (n: number) => {
      countWhenTold = n;
      order.push(`told:${(await inspectionDrafts().ids()).length}`);
    });
    const onLoggedOut = vi.fn(() => order.push('login page'));
    installSessionHooks(s, { onLoggedOut, notifyExpired: notify });
    await s.login('admin', 'Anjian@2024');
    await saveDraft(1, 7);
    await saveDraft(1, 8);

    await expect(api.download('/api/v1/tasks')).rejects.toMatchObject({ status: 401 });
    await vi.waitFor(async () => expect(await inspectionDrafts().ids()).toEqual([]));
    expect(notify).toHaveBeenCalledTimes(1);
    expect(countWhenTold).toBe(2);
    expect(order).toEqual(['login page', 'told:2']);
    expect(s.user).toBeNull();
    expect(storage.getItem(USER_KEY)).toBeNull();
  });

  it('a 401 at start-up for a device that still showed a user: told, then drafts removed', async () => {
    storage.setItem(USER_KEY, JSON.stringify(user));
    await saveDraft(1, 7);
    server({ 'GET /api/v1/auth/me': () => respond(401, { error: { code: 'unauthenticated', message: '登录已过期' } }) });
    const s = useSession();
    const notify = vi.fn();
    installSessionHooks(s, { onLoggedOut: () => {}, notifyExpired: notify });
    await s.ensure();
    expect(s.isAuthenticated).toBe(false);
    await vi.waitFor(async () => expect(await inspectionDrafts().ids()).toEqual([]));
    expect(notify).toHaveBeenCalledWith(1);
  });

  it('a 401 of a failed login is an answer, not an expiry: nothing is removed', async () => {
    server({ 'POST /api/v1/auth/login': () => respond(401, { error: { code: 'unauthenticated', message: '账号或密码错误' } }) });
    await saveDraft(1, 7);
    const s = useSession();
    const notify = vi.fn();
    installSessionHooks(s, { onLoggedOut: () => {}, notifyExpired: notify });
    await expect(s.login('admin', 'wrong')).rejects.toMatchObject({ message: '账号或密码错误' });
    expect(s.isAuthenticated).toBe(false);
    expect(notify).not.toHaveBeenCalled();
    expect(await inspectionDrafts().ids()).toEqual(['1-7']);
  });
});
