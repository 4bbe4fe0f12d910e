import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { installStorage } from './setup-storage';
import zh from '../../src/locales/zh-CN';
import en from '../../src/locales/en';

installStorage();
const {
  SETUP_FIELDS, checkSetupField, describeSetupError, emptySetupForm, markInitialized, resetSetupStatus, setupFieldOf,
  setupRequestOf, setupStatus, validateSetup,
} = await import('../../src/lib/setup');
const { ApiError } = await import('../../src/api/client');
const { setupApi } = await import('../../src/api/setup');

type Form = ReturnType<typeof emptySetupForm>;

function good(over: Partial<Form> = {}): Form {
  return {
    ...emptySetupForm(),
    setupCode: 'AbCd2345-efGH6789',
    districtName: '示例区',
    streetName: '示例街道',
    adminUsername: 'zhangwei',
    password: 'Kq7#mW2!xZ9p-river',
    confirmPassword: 'Kq7#mW2!xZ9p-river',
    ...over,
  };
}

function lookup(obj: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[p] : undefined), obj);
}

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

describe('first-run form: checks before sending', () => {
  it('a complete form has no problem; the security username defaults to "security"', () => {
    expect(emptySetupForm().securityUsername).toBe('security');
    expect(validateSetup(good())).toEqual({});
  });

  it('an empty form names every required field, and no optional one', () => {
    const errors = validateSetup({ ...emptySetupForm(), securityUsername: '' });
    expect(errors).toEqual({
      setupCode: 'setup.v.codeRequired',
      districtName: 'setup.v.districtNameRequired',
      streetName: 'setup.v.streetNameRequired',
      adminUsername: 'setup.v.usernameRequired',
      password: 'setup.v.passwordRequired',
      confirmPassword: 'setup.v.confirmRequired',
      securityUsername: 'setup.v.usernameRequired',
    });
    expect(errors.districtCode).toBeUndefined();
    expect(errors.streetCode).toBeUndefined();
  });

  it('names made of spaces count as empty', () => {
    const errors = validateSetup(good({ setupCode: '   ', districtName: ' ', streetName: '\t' }));
    expect(Object.keys(errors).sort()).toEqual(['districtName', 'setupCode', 'streetName']);
  });

  it('the district code, when given, is 6 digits (GB/T 2260)', () => {
    expect(checkSetupField(good({ districtCode: '' }), 'districtCode')).toBe('');
    expect(checkSetupField(good({ districtCode: '410802' }), 'districtCode')).toBe('');
    expect(checkSetupField(good({ districtCode: ' 410802 ' }), 'districtCode')).toBe('');
    for (const bad of ['41080', '4108021', '41080a', '４１０８０２', '410-802']) {
      expect(checkSetupField(good({ districtCode: bad }), 'districtCode'), bad).toBe('setup.v.districtCode');
    }
  });

  it('the street code, when given, is 9 digits', () => {
    expect(checkSetupField(good({ streetCode: '' }), 'streetCode')).toBe('');
    expect(checkSetupField(good({ streetCode: '410802001' }), 'streetCode')).toBe('');
    for (const bad of ['41080200', '4108020011', '410802OO1', '410802']) {
      expect(checkSetupField(good({ streetCode: bad }), 'streetCode'), bad).toBe('setup.v.streetCode');
    }
  });

  it('usernames follow the account rule', () => {
    expect(checkSetupField(good({ adminUsername: 'ab' }), 'adminUsername')).toBe('setup.v.usernameRule');
    expect(checkSetupField(good({ adminUsername: 'zhang wei' }), 'adminUsername')).toBe('setup.v.usernameRule');
    expect(checkSetupField(good({ adminUsername: 'a/b' }), 'adminUsername')).toBe('setup.v.usernameRule');
    expect(checkSetupField(good({ adminUsername: 'zhang.wei-01_x' }), 'adminUsername')).toBe('');
    expect(checkSetupField(good({ securityUsername: '安全员' }), 'securityUsername')).toBe('setup.v.usernameRule');
  });

  it('the two administrators are two accounts (三员分立)', () => {
    expect(checkSetupField(good({ adminUsername: 'security', password: 'Kq7#mW2!xZ9p-river' }), 'securityUsername'))
      .toBe('setup.v.sameAccount');
    expect(checkSetupField(good({ adminUsername: 'Boss', securityUsername: 'boss ' }), 'securityUsername')).toBe('setup.v.sameAccount');
  });

  it('the password: at least 10 characters of 3 classes, without the username', () => {
    const pw = (password: string, adminUsername = 'zhangwei') => checkSetupField(good({ password, adminUsername }), 'password');
    expect(pw('Ab1#')).toBe('setup.v.passwordLength');
    expect(pw('abcdefghijkl')).toBe('setup.v.passwordClasses');
    expect(pw('abcdefghij12')).toBe('setup.v.passwordClasses');
    expect(pw('abcdefgh#12')).toBe('');
    expect(pw('Abcdefghijkl')).toBe('setup.v.passwordClasses');
    expect(pw('xx-ZhangWei-99')).toBe('setup.v.passwordUsername');
    expect(pw('Kq7#mW2!xZ9p-river')).toBe('');
  });

  it('the confirmation equals the password', () => {
    expect(checkSetupField(good({ confirmPassword: 'Kq7#mW2!xZ9p-rivex' }), 'confirmPassword')).toBe('setup.v.mismatch');
    expect(checkSetupField(good({ confirmPassword: '' }), 'confirmPassword')).toBe('setup.v.confirmRequired');
    expect(validateSetup(good({ confirmPassword: 'something-else' }))).toEqual({ confirmPassword: 'setup.v.mismatch' });
  });

  it('every message key exists in Chinese and English', () => {
    const all = [
      'codeRequired', 'districtNameRequired', 'districtCode', 'streetNameRequired', 'streetCode', 'usernameRequired',
      'usernameRule', 'passwordRequired', 'passwordLength', 'passwordClasses', 'passwordUsername', 'confirmRequired',
      'mismatch', 'sameAccount',
    ];
    for (const k of all) {
      expect(typeof lookup(zh, `setup.v.${k}`), k).toBe('string');
      expect(typeof lookup(en, `setup.v.${k}`), k).toBe('string');
    }
    expect(zh.setup.lead).toBe('建立区县、街道及首批账号：业务管理员与安全管理员，三员分立。');
    expect(zh.setup.setupCodeHint).toContain('见服务器启动时在控制台打印的设置码');
  });
});

describe('first-run form: the request', () => {
  it('trims the names, leaves out empty codes, sends the password as typed', () => {
    expect(setupRequestOf(good({ districtName: ' 示例区 ', adminUsername: ' zhangwei ', password: ' Kq7#mW2!xZ9p ' }))).toEqual({
      setup_code: 'AbCd2345-efGH6789',
      district_name: '示例区',
      street_name: '示例街道',
      admin_username: 'zhangwei',
      admin_password: ' Kq7#mW2!xZ9p ',
      security_username: 'security',
    });
  });

  it('sends the codes when given; the confirmation never', () => {
    const body = setupRequestOf(good({ districtCode: '410802', streetCode: '410802001', securityUsername: 'anquan' }));
    expect(body.district_code).toBe('410802');
    expect(body.street_code).toBe('410802001');
    expect(body.security_username).toBe('anquan');
    expect(JSON.stringify(body)).not.toContain('confirm');
  });
});

describe('first-run form: server errors at their fields', () => {
  it('maps every field the server names to the form field', () => {
    expect(setupFieldOf('setup_code')).toBe('setupCode');
    expect(setupFieldOf('district_name')).toBe('districtName');
    expect(setupFieldOf('district_code')).toBe('districtCode');
    expect(setupFieldOf('street_name')).toBe('streetName');
    expect(setupFieldOf('street_code')).toBe('streetCode');
    expect(setupFieldOf('admin_username')).toBe('adminUsername');
    expect(setupFieldOf('password')).toBe('password');
    expect(setupFieldOf('admin_password')).toBe('password');
    expect(setupFieldOf('security_username')).toBe('securityUsername');
    expect(setupFieldOf('unit_id')).toBeNull();
    expect(setupFieldOf(undefined)).toBeNull();
    expect(setupFieldOf('')).toBeNull();
  });

  it('every mapped field is a field of the form', () => {
    for (const f of ['setup_code', 'district_name', 'district_code', 'street_name', 'street_code', 'admin_username', 'password', 'security_username']) {
      expect(SETUP_FIELDS).toContain(setupFieldOf(f));
    }
  });

  it('a wrong setup code (403) is shown at the code field with the server’s words', () => {
    const e = new ApiError(403, 'permission_denied', '设置码不正确：请查看服务器启动时打印的设置码', 'setup_code');
    expect(describeSetupError(e)).toEqual({ kind: 'field', field: 'setupCode', message: '设置码不正确：请查看服务器启动时打印的设置码' });
  });

  it('a weak password (400 password) is shown at the password field', () => {
    const e = new ApiError(400, 'invalid_argument', '密码过于常见或基于字典单词', 'password');
    expect(describeSetupError(e)).toEqual({ kind: 'field', field: 'password', message: '密码过于常见或基于字典单词' });
  });

  it('a street code of the wrong length (400 street_code) at the street code', () => {
    const e = new ApiError(400, 'invalid_argument', '街道代码应为9位数字', 'street_code');
    expect(describeSetupError(e)).toMatchObject({ kind: 'field', field: 'streetCode' });
  });

  it('409 without a field: set up already', () => {
    const e = new ApiError(409, 'failed_precondition', '数据库已初始化（已有街道“示例街道”）');
    expect(describeSetupError(e)).toEqual({ kind: 'initialized', message: '数据库已初始化（已有街道“示例街道”）' });
  });

  it('anything else at the top of the form', () => {
    expect(describeSetupError(new ApiError(0, 'network', '无法连接服务器，请检查网络后重试'))).toMatchObject({ kind: 'general' });
    expect(describeSetupError(new ApiError(500, 'internal', 'boom', 'nope'))).toEqual({ kind: 'general', message: 'boom' });
    expect(describeSetupError(new Error('x'))).toEqual({ kind: 'general', message: 'x' });
  });
});

describe('GET /api/v1/setup', () => {
  beforeEach(() => resetSetupStatus());
  afterEach(() => vi.unstubAllGlobals());

  it('asks the server until it says initialised, then no more', async () => {
    let initialized = false;
    const fetchMock = vi.fn(async (url: string) => {
      expect(url).toBe('/api/v1/setup');
      return respond(200, { initialized });
    });
    vi.stubGlobal('fetch', fetchMock);
    expect(await setupStatus()).toBe(false);
    expect(await setupStatus()).toBe(false);
    initialized = true;
    expect(await setupStatus()).toBe(true);
    expect(await setupStatus()).toBe(true);
    expect(fetchMock).toHaveBeenCalledTimes(3);
  });

  it('no answer (offline, or an older server without the endpoint) is null: the login page as before', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(404, { error: { code: 'not_found', message: '接口不存在 (no such route)' } })));
    expect(await setupStatus()).toBeNull();
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('offline'); }));
    expect(await setupStatus()).toBeNull();
  });

  it('after the first-run screen created the street it is known without asking', async () => {
    const fetchMock = vi.fn(async () => respond(200, { initialized: false }));
    vi.stubGlobal('fetch', fetchMock);
    markInitialized();
    expect(await setupStatus()).toBe(true);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('POST sends the body as JSON without credentials of its own and returns the one-time password', async () => {
    const calls: { method?: string; body?: string }[] = [];
    vi.stubGlobal('fetch', vi.fn(async (_url: string, init: RequestInit) => {
      calls.push({ method: init.method, body: init.body as string });
      return respond(201, {
        district: { id: 1, name: '示例区' }, street: { id: 2, name: '示例街道' }, admin: { username: 'zhangwei' },
        security: { username: 'security', one_time_password: 'Abcd2efg-Hijk3mnp' },
      });
    }));
    const res = await setupApi.initialize(setupRequestOf(good()));
    expect(res.security.one_time_password).toBe('Abcd2efg-Hijk3mnp');
    expect(calls[0].method).toBe('POST');
    expect(JSON.parse(calls[0].body!)).toMatchObject({ setup_code: 'AbCd2345-efGH6789', admin_password: 'Kq7#mW2!xZ9p-river' });
  });

  it('a refused POST carries the server’s field', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => respond(403, { error: { code: 'permission_denied', message: '设置码不正确', field: 'setup_code' } })));
    const err = await setupApi.initialize(setupRequestOf(good())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(describeSetupError(err)).toEqual({ kind: 'field', field: 'setupCode', message: '设置码不正确' });
  });
});
