// End-to-end checks of the first-run screen (首次使用, /setup), run by run.mjs after the other
// flows (or alone with E2E_ONLY=setup). Starts a second server on a fresh EMPTY database (not the
// demo one), reads the setup code it prints on its console (the line before 已启动), then in
// Chromium: / goes to /setup, the login page points there too, a wrong code is refused at the code
// field, a dictionary password at the password field, the right code creates the street and the
// accounts and shows the security administrator's one-time password (kept nowhere on the device),
// the new business administrator signs in, the security administrator signs in with the one-time
// password and is made to change it, and /setup then sends to the login page.
//
// The browser is a separate one: cookies are per host, not per port, so a session on this server
// would replace the demo server's in the shared profile.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ADMIN = 'zhangwei';
const ADMIN_PASSWORD = 'Kq7#mW2!xZ9p-river';
/** Passes the form's own checks (12 characters, 4 classes) but not the server's dictionary check. */
const DICTIONARY_PASSWORD = 'Abcdefgh123!';
const WRONG_CODE = 'WRONGCOD-E0000000';

/**
 * Starts `anjian serve` on an empty database. Resolves with the base URL, the setup code and the
 * stdout lines once the 已启动 line is out.
 */
export function startEmptyServer(bin, dist, dir) {
  const db = join(dir, 'empty.db');
  const child = spawn(bin, ['serve', '--db', db, '--port', '0', '--web-root', dist], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ready = new Promise((resolve, reject) => {
    let out = '';
    let all = '';
    const timer = setTimeout(() => reject(new Error(`empty-db server did not start in 60 s; output:\n${all}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      out += chunk.toString();
      all += chunk.toString();
      const lines = out.split('\n');
      const started = lines.findIndex((l) => /已启动: http:\/\/127\.0\.0\.1:\d+\//.test(l));
      if (started < 0) return;
      clearTimeout(timer);
      resolve({ base: /已启动: (http:\/\/127\.0\.0\.1:\d+)\//.exec(lines[started])[1], lines, startedAt: started });
    });
    child.stderr.on('data', (chunk) => {
      all += chunk.toString();
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`empty-db server exited with ${code}; output:\n${all}`));
    });
  });
  return { child, ready };
}

export function stopServer(child) {
  if (!child || child.exitCode !== null || child.killed) return;
  try {
    child.kill('SIGTERM');
  } catch {
    /* already gone */
  }
  setTimeout(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  }, 3000).unref();
}

async function nodeJson(base, method, path, body) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** The message Element Plus shows under the form item of the input marked data-test=<name>. */
function fieldError(page, name) {
  return page.locator('.el-form-item', { has: page.locator(`input[data-test=${name}]`) }).locator('.el-form-item__error');
}

export async function setupFlow(h) {
  const { chromium, launchOptions, bin, dist, check, assert, shot, log, watchConsole } = h;
  log('\n== First run (首次使用) on an empty database ==');
  const dir = mkdtempSync(join(tmpdir(), 'anjian-e2e-setup-'));
  const { child, ready } = startEmptyServer(bin, dist, dir);
  const onExit = () => stopServer(child);
  process.on('exit', onExit);
  let browser;
  const st = {};
  try {
    await check('setup: the empty-db server prints the setup code before 已启动', async () => {
      const { base, lines, startedAt } = await ready;
      st.base = base;
      const codeLine = lines.slice(0, startedAt).findLast((l) => l.includes('设置码'));
      assert(codeLine, `no setup-code line before 已启动:\n${lines.slice(0, startedAt + 1).join('\n')}`);
      assert(codeLine.includes('首次使用') && codeLine.includes(`${base}/setup`), `setup line: ${codeLine}`);
      const m = /设置码\s*([A-Za-z0-9]+(?:-[A-Za-z0-9]+)+)/.exec(codeLine);
      assert(m, `no code in: ${codeLine}`);
      st.code = m[1];
      log(`    server ${base}, setup code ${st.code.slice(0, 4)}…`);
      const status = await nodeJson(base, 'GET', '/api/v1/setup');
      assert(status.status === 200 && status.body?.initialized === false, `GET /api/v1/setup: ${status.status} ${JSON.stringify(status.body)}`);
    });
    if (!st.base) return;

    browser = await chromium.launch(launchOptions);
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    watchConsole(page, 'setup');
    const base = st.base;

    await check('setup: / goes to the first-run screen; every input has a label', async () => {
      await page.goto(`${base}/`);
      await page.waitForURL(/\/setup$/, { timeout: 15_000 });
      await page.locator('[data-test=setup-submit]').waitFor();
      const text = await page.locator('[data-test=setup-form-card]').innerText();
      assert(text.includes('建立区县、街道及首批账号：业务管理员与安全管理员，三员分立'), `lead: ${text.slice(0, 200)}`);
      assert(text.includes('见服务器启动时在控制台打印的设置码'), 'the setup-code hint is missing');
      const unlabelled = await page.$$eval('[data-test=setup-form-card] input', (inputs) => inputs
        .filter((i) => i.type !== 'hidden' && !(i.labels && i.labels.length) && !i.getAttribute('aria-label'))
        .map((i) => i.name || i.outerHTML.slice(0, 80)));
      assert(unlabelled.length === 0, `inputs without a label: ${unlabelled.join(', ')}`);
      const inputs = await page.locator('[data-test=setup-form-card] input').count();
      assert(inputs === 9, `${inputs} inputs`);
      assert(await page.locator('input[data-test=setup-security-username]').inputValue() === 'security', 'security username default');
      await shot(page, 'setup-01-form');
    }, page);

    await check('setup: the login page says the system is not set up and links to /setup', async () => {
      await page.goto(`${base}/login`);
      const notice = page.locator('[data-test=login-setup-notice]');
      await notice.waitFor();
      assert((await notice.innerText()).includes('首次使用'), await notice.innerText());
      await shot(page, 'setup-02-login-notice');
      await page.locator('[data-test=login-setup-link]').click();
      await page.waitForURL(/\/setup$/);
      await page.locator('[data-test=setup-submit]').waitFor();
    }, page);

    await check('setup: the form’s own checks are shown at their fields', async () => {
      await page.locator('[data-test=setup-submit]').click();
      await fieldError(page, 'setup-code').waitFor();
      assert((await fieldError(page, 'setup-code').innerText()).includes('请输入设置码'), 'code required');
      assert((await fieldError(page, 'setup-district-name').innerText()).includes('请输入区县名称'), 'district required');
      assert((await fieldError(page, 'setup-street-name').innerText()).includes('街道'), 'street required');
      assert(await fieldError(page, 'setup-district-code').count() === 0, 'the optional district code is flagged');
      await page.locator('input[data-test=setup-district-code]').fill('4108');
      await page.locator('input[data-test=setup-password]').fill(ADMIN_PASSWORD);
      await page.locator('input[data-test=setup-confirm-password]').fill(`${ADMIN_PASSWORD}x`);
      await page.locator('[data-test=setup-submit]').click();
      await page.waitForFunction(() => document.querySelectorAll('.el-form-item__error').length >= 4);
      assert((await fieldError(page, 'setup-district-code').innerText()).includes('6 位数字'), 'district code length');
      assert((await fieldError(page, 'setup-confirm-password').innerText()).includes('不一致'), 'passwords differ');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-test'));
      assert(focused === 'setup-code', `focus on ${focused}`);
    }, page);

    await check('setup: a wrong setup code is refused at the code field', async () => {
      await page.locator('input[data-test=setup-code]').fill(WRONG_CODE);
      await page.locator('input[data-test=setup-district-name]').fill('示例区');
      await page.locator('input[data-test=setup-district-code]').fill('410802');
      await page.locator('input[data-test=setup-street-name]').fill('示例街道');
      await page.locator('input[data-test=setup-street-code]').fill('410802001');
      await page.locator('input[data-test=setup-admin-username]').fill(ADMIN);
      await page.locator('input[data-test=setup-confirm-password]').fill(ADMIN_PASSWORD);
      await page.locator('[data-test=setup-submit]').click();
      await page.waitForFunction(() => /设置码不正确/.test(document.querySelector('[data-test=setup-form-card]')?.innerText ?? ''), null, { timeout: 15_000 });
      const msg = await fieldError(page, 'setup-code').innerText();
      assert(msg.includes('设置码不正确'), `code field: ${msg}`);
      // the messages of the fields filled since fade out (a transition): then only the code's is left
      const single = await page.waitForFunction(() => document.querySelectorAll('.el-form-item__error').length === 1, null, { timeout: 5000 })
        .then(() => true, () => false);
      assert(single, `${await page.locator('.el-form-item__error').count()} field errors`);
      await shot(page, 'setup-03-wrong-code');
    }, page);

    await check('setup: a dictionary password is refused at the password field with the server’s reason', async () => {
      await page.locator('input[data-test=setup-code]').fill(st.code);
      await page.locator('input[data-test=setup-password]').fill(DICTIONARY_PASSWORD);
      await page.locator('input[data-test=setup-confirm-password]').fill(DICTIONARY_PASSWORD);
      await page.locator('[data-test=setup-submit]').click();
      await fieldError(page, 'setup-password').waitFor({ timeout: 15_000 });
      const msg = await fieldError(page, 'setup-password').innerText();
      assert(/密码/.test(msg), `password field: ${msg}`);
      const cleared = await fieldError(page, 'setup-code').waitFor({ state: 'detached', timeout: 5000 }).then(() => true, () => false);
      assert(cleared, 'the right code is still flagged');
      assert(await page.locator('[data-test=setup-result]').count() === 0, 'set up with a dictionary password');
      log(`    server: ${msg}`);
      const status = await nodeJson(base, 'GET', '/api/v1/setup');
      assert(status.body?.initialized === false, 'a refused setup left a street behind');
    }, page);

    await check('setup: the right code creates the street and shows the one-time password once', async () => {
      await page.locator('input[data-test=setup-password]').fill(ADMIN_PASSWORD);
      await page.locator('input[data-test=setup-confirm-password]').fill(ADMIN_PASSWORD);
      await page.locator('[data-test=setup-submit]').click();
      await page.locator('[data-test=setup-result]').waitFor({ timeout: 15_000 });
      assert(await page.locator('[data-test=setup-result-street]').innerText() === '示例街道', 'street');
      assert(await page.locator('[data-test=setup-result-district]').innerText() === '示例区', 'district');
      assert(await page.locator('[data-test=setup-result-admin]').innerText() === ADMIN, 'admin');
      assert(await page.locator('[data-test=setup-result-security]').innerText() === 'security', 'security admin');
      st.otp = (await page.locator('[data-test=setup-otp]').innerText()).trim();
      assert(/^[A-Za-z0-9]{8}-[A-Za-z0-9]{8}$/.test(st.otp), `one-time password ${st.otp}`);
      const warning = await page.locator('[data-test=setup-otp-warning]').innerText();
      assert(warning.includes('只显示这一次') && warning.includes('首次登录后须立即修改'), `warning: ${warning}`);
      await page.locator('[data-test=setup-otp-copy]').waitFor();
      const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      assert(!kept.includes(st.otp) && !kept.includes(ADMIN_PASSWORD), 'a password is kept in web storage');
      await shot(page, 'setup-04-result');
      const status = await nodeJson(base, 'GET', '/api/v1/setup');
      assert(status.body?.initialized === true, `after setup: ${JSON.stringify(status.body)}`);
    }, page);

    await check('setup: the new business administrator signs in', async () => {
      await page.locator('[data-test=setup-to-login]').click();
      await page.waitForURL(/\/login$/);
      await page.locator('[data-test=login-submit]').waitFor();
      assert(await page.locator('[data-test=login-setup-notice]').count() === 0, 'the setup notice is still shown');
      await page.locator('input[name=username]').fill(ADMIN);
      await page.locator('input[name=password]').fill(ADMIN_PASSWORD);
      await page.locator('[data-test=login-submit]').click();
      await page.waitForSelector('[data-test=dashboard]', { timeout: 15_000 });
      const me = await page.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()));
      const user = me.user ?? me;
      assert(user.username === ADMIN && user.role === 'admin', `me: ${JSON.stringify(user).slice(0, 200)}`);
      await shot(page, 'setup-05-admin-dashboard');
    }, page);

    await check('setup: the security administrator signs in with the one-time password and must change it', async () => {
      await context.clearCookies();
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${base}/login`);
      await page.locator('input[name=username]').fill('security');
      await page.locator('input[name=password]').fill(st.otp);
      await page.locator('[data-test=login-submit]').click();
      await page.waitForURL(/\/account\?.*force=1/, { timeout: 15_000 });
      await page.locator('[data-test=must-change-password]').waitFor();
    }, page);

    await check('setup: once set up, /setup goes to the login page and the API refuses a second run', async () => {
      await context.clearCookies();
      await page.evaluate(() => localStorage.clear());
      await page.goto(`${base}/setup`);
      await page.waitForURL(/\/login$/, { timeout: 15_000 });
      const again = await nodeJson(base, 'POST', '/api/v1/setup', {
        setup_code: st.code, district_name: '示例区', street_name: '第二街道', admin_username: 'other', admin_password: ADMIN_PASSWORD,
      });
      assert(again.status === 409, `second setup: ${again.status} ${JSON.stringify(again.body)}`);
    }, page);
    await page.close();
  } finally {
    await browser?.close().catch(() => {});
    stopServer(child);
    process.off('exit', onExit);
    rmSync(dir, { recursive: true, force: true });
  }
}
