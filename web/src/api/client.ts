// Thin fetch wrapper. The session is the server's HttpOnly cookie (sent by the
// browser on same-origin requests; the app never sees the token); every
// request other than GET/HEAD carries the CSRF token in X-CSRF-Token. Every
// non-2xx answer becomes an ApiError carrying the server's Chinese message,
// and a 401 is reported once.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly body?: unknown;

  constructor(status: number, code: string, message: string, field?: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.body = body;
  }

  get isConflict(): boolean {
    return this.status === 409 && this.code === 'conflict';
  }
}

export interface ClientOptions {
  baseUrl?: string;
  /** The CSRF token to send on writes (the anjian_csrf cookie, else the one of the last login / me answer). */
  getCsrfToken?: () => string | null;
  /** A 401 on a request that was not marked `anonymous`. */
  onUnauthorized?: () => void;
  /**
   * Called once when a write is refused with 403 `csrf` (a stale token, e.g. after a login in another tab);
   * resolves to whether a fresh token was obtained, in which case the request is sent once more.
   */
  refreshCsrf?: () => Promise<boolean>;
  fetchImpl?: typeof fetch;
}

export const CSRF_HEADER = 'X-CSRF-Token';
export const CSRF_COOKIE = 'anjian_csrf';

/** Methods that change nothing on the server and so carry no CSRF token. */
export const isSafeMethod = (method: string) => ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());

/** The value of one cookie of a `document.cookie` string ('' when absent). */
export function readCookie(name: string, cookies: string | undefined = globalThis.document?.cookie): string {
  if (!cookies) return '';
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return '';
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  json?: unknown;
  form?: FormData;
  /** Statuses (besides 2xx) whose JSON body is a result, not an error (import 422). */
  acceptStatuses?: number[];
  /** Return the Blob instead of parsing JSON (downloads). */
  blob?: boolean;
  /** Extra request headers (e.g. Idempotency-Key). */
  headers?: Record<string, string>;
  /** A 401 is the answer itself (login, the start-up session probe), not a lost session. */
  anonymous?: boolean;
}

export function buildQuery(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.append(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: '请求参数有误',
  401: '登录已失效，请重新登录',
  403: '当前账号无权执行此操作',
  404: '请求的资源不存在',
  409: '数据已被他人修改，请刷新后重试',
  413: '文件过大',
  422: '数据校验未通过',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误',
  503: '服务暂不可用，请稍后再试',
};

function errorCode(data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || !('error' in data)) return undefined;
  return (data as { error?: { code?: string } }).error?.code;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function createClient(options: ClientOptions) {
  const base = options.baseUrl ?? '';

  async function send(method: string, url: string, opts: RequestOptions): Promise<Response> {
    const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    if (!isSafeMethod(method)) {
      const csrf = options.getCsrfToken?.();
      if (csrf) headers[CSRF_HEADER] = csrf;
    }
    let body: BodyInit | undefined;
    if (opts.form) {
      body = opts.form;
    } else if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    try {
      return await doFetch(url, { method, headers, body, credentials: 'same-origin' });
    } catch {
      throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
    }
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const url = `${base}${path}${buildQuery(opts.query)}`;
    let res = await send(method, url, opts);
    let data: unknown;
    let read = false;
    if (res.status === 403 && !isSafeMethod(method) && options.refreshCsrf) {
      data = await readBody(res);
      read = true;
      if (errorCode(data) === 'csrf' && (await options.refreshCsrf().catch(() => false))) {
        res = await send(method, url, opts);
        read = false;
      }
    }
    const accepted = res.ok || (opts.acceptStatuses ?? []).includes(res.status);
    if (accepted && opts.blob && res.ok) return (await res.blob()) as T;
    if (!read) data = await readBody(res);
    if (accepted) return data as T;

    const err = (data && typeof data === 'object' && 'error' in data
      ? (data as { error: { code?: string; message?: string; field?: string } }).error
      : undefined) ?? {};
    const message = err.message || FALLBACK_MESSAGES[res.status] || `请求失败（HTTP ${res.status}）`;
    const apiError = new ApiError(res.status, err.code || `http_${res.status}`, message, err.field, data);
    if (res.status === 401 && !opts.anonymous) options.onUnauthorized?.();
    throw apiError;
  }

  return {
    request,
    get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
    post: <T>(path: string, json?: unknown, query?: Query) => request<T>('POST', path, { json, query }),
    put: <T>(path: string, json?: unknown) => request<T>('PUT', path, { json }),
    del: <T>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
  };
}

export type ApiClient = ReturnType<typeof createClient>;

/** Message to show for any thrown value. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}
