import { describe, expect, it, vi } from 'vitest';
import { ApiError, buildQuery, createClient, errorMessage, readCookie } from '../../src/api/client';

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error('expected the request to fail');
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

type Call = [string, RequestInit];
const headersOf = (call: unknown) => ((call as Call)[1].headers ?? {}) as Record<string, string>;

describe('api client', () => {
  it('sends the JSON body with the session cookie and the CSRF token, never a bearer token', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { ok: 1 }));
    const c = createClient({ getCsrfToken: () => 'csrf-1', fetchImpl: fetchImpl as unknown as typeof fetch });
    await expect(c.post('/api/v1/x', { a: 1 })).resolves.toEqual({ ok: 1 });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as Call;
    expect(url).toBe('/api/v1/x');
    expect(init.credentials).toBe('same-origin');
    expect(headersOf(fetchImpl.mock.calls[0])['X-CSRF-Token']).toBe('csrf-1');
    expect(headersOf(fetchImpl.mock.calls[0]).Authorization).toBeUndefined();
    expect(init.body).toBe('{"a":1}');
  });

  it('sends X-CSRF-Token on every write (POST, PUT, DELETE, multipart) and not on GET or HEAD', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, {}));
    const c = createClient({ getCsrfToken: () => 'tok', fetchImpl: fetchImpl as unknown as typeof fetch });
    await c.get('/api/v1/units');
    await c.request('HEAD', '/api/v1/units');
    await c.request('GET', '/api/v1/uploads/abc', { blob: true });
    await c.post('/api/v1/units', {});
    await c.put('/api/v1/units/1', {});
    await c.del('/api/v1/units/1', { version: 2 });
    await c.request('POST', '/api/v1/uploads', { form: new FormData() });
    await c.request('PATCH', '/api/v1/x', { json: {} });
    const sent = fetchImpl.mock.calls.map((call) => [(call as unknown as Call)[1].method, headersOf(call)['X-CSRF-Token']]);
    expect(sent).toEqual([
      ['GET', undefined], ['HEAD', undefined], ['GET', undefined],
      ['POST', 'tok'], ['PUT', 'tok'], ['DELETE', 'tok'], ['POST', 'tok'], ['PATCH', 'tok'],
    ]);
    for (const call of fetchImpl.mock.calls) expect((call as unknown as Call)[1].credentials).toBe('same-origin');
  });

  it('reads the CSRF cookie', () => {
    expect(readCookie('anjian_csrf', 'a=1; anjian_csrf=abc%2Fdef; anjian_csrf_x=2')).toBe('abc/def');
    expect(readCookie('anjian_csrf', 'anjian_session_x=1')).toBe('');
    expect(readCookie('anjian_csrf', '')).toBe('');
  });

  it('after a 403 csrf, fetches a fresh token once and sends the write again', async () => {
    let token = 'stale';
    const fetchImpl = vi.fn(async (_url: string, init: RequestInit) =>
      ((init.headers as Record<string, string>)['X-CSRF-Token'] === 'fresh'
        ? jsonResponse(200, { ok: true })
        : jsonResponse(403, { error: { code: 'csrf', message: '缺少或错误的 CSRF 令牌' } })));
    const refreshCsrf = vi.fn(async () => { token = 'fresh'; return true; });
    const c = createClient({ getCsrfToken: () => token, refreshCsrf, fetchImpl: fetchImpl as unknown as typeof fetch });
    await expect(c.post('/api/v1/units', { a: 1 })).resolves.toEqual({ ok: true });
    expect(refreshCsrf).toHaveBeenCalledTimes(1);
    expect(fetchImpl).toHaveBeenCalledTimes(2);

    // a refusal that is not about CSRF is not retried
    const denied = vi.fn(async () => jsonResponse(403, { error: { code: 'permission_denied', message: '无权' } }));
    const refresh2 = vi.fn(async () => true);
    const c2 = createClient({ getCsrfToken: () => 'x', refreshCsrf: refresh2, fetchImpl: denied as unknown as typeof fetch });
    const err = await failure(c2.post('/api/v1/units', {}));
    expect(err.code).toBe('permission_denied');
    expect(err.message).toBe('无权');
    expect(refresh2).not.toHaveBeenCalled();
  });

  it('drops empty query values', () => {
    expect(buildQuery({ page: 1, q: '', risk: 'red', grid: undefined, key: null })).toBe('?page=1&risk=red');
    expect(buildQuery({})).toBe('');
  });

  it('turns the server error body into an ApiError with the Chinese message', async () => {
    const c = createClient({
      fetchImpl: (async () => jsonResponse(409, { error: { code: 'conflict', message: '该单位已被他人修改，请刷新' } })) as unknown as typeof fetch,
    });
    const err = await failure(c.put('/api/v1/units/5', { version: 1 }));
    expect(err).toBeInstanceOf(ApiError);
    expect(err.status).toBe(409);
    expect(err.code).toBe('conflict');
    expect(err.isConflict).toBe(true);
    expect(err.message).toBe('该单位已被他人修改，请刷新');
  });

  it('keeps the field of a validation error', async () => {
    const c = createClient({
      fetchImpl: (async () => jsonResponse(400, { error: { code: 'invalid_argument', message: '单位名称不能为空', field: 'name' } })) as unknown as typeof fetch,
    });
    const err = await failure(c.post('/api/v1/units', {}));
    expect(err.field).toBe('name');
    expect(errorMessage(err)).toBe('单位名称不能为空');
  });

  it('falls back to a Chinese message when the body is not JSON', async () => {
    const c = createClient({
      fetchImpl: (async () => new Response('<html>bad gateway</html>', { status: 502 })) as unknown as typeof fetch,
    });
    const err = await failure(c.get('/api/v1/units'));
    expect(err.status).toBe(502);
    expect(err.message).toBe('请求失败（HTTP 502）');
  });

  it('reports a network failure', async () => {
    const c = createClient({
      fetchImpl: (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch,
    });
    const err = await failure(c.get('/api/v1/units'));
    expect(err.code).toBe('network');
    expect(err.message).toContain('无法连接服务器');
  });

  it('calls onUnauthorized on 401, but not for an anonymous request (login, the session probe)', async () => {
    const onUnauthorized = vi.fn();
    const c = createClient({
      onUnauthorized,
      fetchImpl: (async () => jsonResponse(401, { error: { code: 'unauthenticated', message: '登录已过期' } })) as unknown as typeof fetch,
    });
    const err = await failure(c.get('/api/v1/auth/me'));
    expect(err.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    const err2 = await failure(c.request('POST', '/api/v1/auth/login', { json: {}, anonymous: true }));
    expect(err2.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('returns accepted error statuses as results (import 422)', async () => {
    const report = { dry_run: true, error_count: 1, errors: [{ row: 2, column: '监管等级', message: 'x', text: '第2行' }] };
    const c = createClient({
      fetchImpl: (async () => jsonResponse(422, report)) as unknown as typeof fetch,
    });
    await expect(c.request('POST', '/api/v1/imports/units', { acceptStatuses: [422] })).resolves.toEqual(report);
  });
});
