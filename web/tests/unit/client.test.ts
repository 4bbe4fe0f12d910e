import { describe, expect, it, vi } from 'vitest';
import { ApiError, buildQuery, createClient, errorMessage } from '../../src/api/client';

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

describe('api client', () => {
  it('sends the bearer token and JSON body, and parses the answer', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { ok: 1 }));
    const c = createClient({ getToken: () => 'tok', fetchImpl: fetchImpl as unknown as typeof fetch });
    await expect(c.post('/api/v1/x', { a: 1 })).resolves.toEqual({ ok: 1 });
    const [url, init] = fetchImpl.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/x');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(init.body).toBe('{"a":1}');
  });

  it('drops empty query values', () => {
    expect(buildQuery({ page: 1, q: '', risk: 'red', grid: undefined, key: null })).toBe('?page=1&risk=red');
    expect(buildQuery({})).toBe('');
  });

  it('turns the server error body into an ApiError with the Chinese message', async () => {
    const c = createClient({
      getToken: () => 't',
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
      getToken: () => null,
      fetchImpl: (async () => jsonResponse(400, { error: { code: 'invalid_argument', message: '单位名称不能为空', field: 'name' } })) as unknown as typeof fetch,
    });
    const err = await failure(c.post('/api/v1/units', {}));
    expect(err.field).toBe('name');
    expect(errorMessage(err)).toBe('单位名称不能为空');
  });

  it('falls back to a Chinese message when the body is not JSON', async () => {
    const c = createClient({
      getToken: () => null,
      fetchImpl: (async () => new Response('<html>bad gateway</html>', { status: 502 })) as unknown as typeof fetch,
    });
    const err = await failure(c.get('/api/v1/units'));
    expect(err.status).toBe(502);
    expect(err.message).toBe('请求失败（HTTP 502）');
  });

  it('reports a network failure', async () => {
    const c = createClient({
      getToken: () => null,
      fetchImpl: (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch,
    });
    const err = await failure(c.get('/api/v1/units'));
    expect(err.code).toBe('network');
    expect(err.message).toContain('无法连接服务器');
  });

  it('calls onUnauthorized on 401', async () => {
    const onUnauthorized = vi.fn();
    const c = createClient({
      getToken: () => 'old',
      onUnauthorized,
      fetchImpl: (async () => jsonResponse(401, { error: { code: 'unauthenticated', message: '登录已过期' } })) as unknown as typeof fetch,
    });
    const err = await failure(c.get('/api/v1/auth/me'));
    expect(err.status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('returns accepted error statuses as results (import 422)', async () => {
    const report = { dry_run: true, error_count: 1, errors: [{ row: 2, column: '监管等级', message: 'x', text: '第2行' }] };
    const c = createClient({
      getToken: () => 't',
      fetchImpl: (async () => jsonResponse(422, report)) as unknown as typeof fetch,
    });
    await expect(c.request('POST', '/api/v1/imports/units', { acceptStatuses: [422] })).resolves.toEqual(report);
  });
});
