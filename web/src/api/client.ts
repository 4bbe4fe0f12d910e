// Thin fetch wrapper: adds the bearer token, turns every non-2xx answer into an
// ApiError carrying the server's Chinese message, and reports 401 once.

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
  getToken: () => string | null;
  onUnauthorized?: () => void;
  fetchImpl?: typeof fetch;
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

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
    const token = options.getToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let body: BodyInit | undefined;
    if (opts.form) {
      body = opts.form;
    } else if (opts.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.json);
    }
    let res: Response;
    try {
      res = await doFetch(`${base}${path}${buildQuery(opts.query)}`, { method, headers, body });
    } catch {
      throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试');
    }
    const accepted = res.ok || (opts.acceptStatuses ?? []).includes(res.status);
    if (accepted && opts.blob && res.ok) return (await res.blob()) as T;
    const data = await readBody(res);
    if (accepted) return data as T;

    const err = (data && typeof data === 'object' && 'error' in data
      ? (data as { error: { code?: string; message?: string; field?: string } }).error
      : undefined) ?? {};
    const message = err.message || FALLBACK_MESSAGES[res.status] || `请求失败（HTTP ${res.status}）`;
    const apiError = new ApiError(res.status, err.code || `http_${res.status}`, message, err.field, data);
    if (res.status === 401) options.onUnauthorized?.();
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
