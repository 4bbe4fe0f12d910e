#!/usr/bin/env node
// End-to-end test of the Anjian web app in real Chromium (Debian's /usr/bin/chromium
// driven by playwright-core). Starts the real server with demo data on a temp db,
// runs the desktop (1366×900), annual-plan, phone (390×844) and hazard-ledger flows, then the first-run
// screen on a second server with an empty database (tests/e2e/setup.mjs), saves screenshots, prints
// the registry first-paint time and the initial JS size, and ends with
// "N passed, M failed". Exit status is non-zero when any check fails.
//
// Env: ANJIAN_BIN (default ../build/release/src/cli/anjian relative to web/),
//      E2E_ONLY (a comma list of flows to run: desktop, plan, phone, hazard, security, inspections, setup, a11y;
//      default all; a11y is axe-core over every screen at both viewports, tests/e2e/a11y.mjs),
//      E2E_SCREENSHOTS (default ../build/e2e-screenshots), CHROMIUM (default /usr/bin/chromium).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { initialBundle } from '../../scripts/bundle-size.mjs';
import { inspectionFlow, isPendingUrl, probeEndpoints } from './inspections.mjs';
import { setupFlow } from './setup.mjs';
import { a11yFlow } from './a11y.mjs';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = resolve(WEB, process.env.ANJIAN_BIN ?? '../build/release/src/cli/anjian');
const DIST = join(WEB, 'dist');
const SHOTS = resolve(WEB, process.env.E2E_SCREENSHOTS ?? '../build/e2e-screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const PASSWORD = 'Anjian@2024';
const FIRST_PAINT_TARGET_MS = 1500;
const BUNDLE_TARGET_KB = 600;

const started = Date.now();
const results = [];
const consoleErrors = [];
/** Endpoints the server does not answer (probed first): their checks are reported as skipped with the
 * endpoint named, and any skip fails the run — the server in this repository has them all. */
let missingEndpoints = new Set();
let server;
let context;
let tmp;

function log(...args) {
  console.log(...args);
}

async function check(name, fn, page) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    log(`  ✔ ${name} (${Date.now() - t0} ms)`);
    return true;
  } catch (err) {
    if (err?.skip) {
      // waits for a server endpoint that is not there yet (see tests/e2e/inspections.mjs)
      results.push({ name, ok: false, skipped: true, err });
      log(`  ○ ${name}: skipped, ${err.message}`);
      return false;
    }
    results.push({ name, ok: false, err });
    log(`  ✘ ${name}: ${err?.message ?? err}`);
    if (page) {
      const safe = name.replace(/[^\w一-龥-]+/g, '_').slice(0, 60);
      await page.screenshot({ path: join(SHOTS, `FAIL-${safe}.png`), fullPage: true }).catch(() => {});
    }
    return false;
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

// ---------- credit codes for the import files (same algorithm as src/lib/creditCode.ts) ----------
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function checkChar(first17) {
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    sum += ALPHABET.indexOf(first17[i]) * w;
    w = (w * 3) % 31;
  }
  const r = (31 - (sum % 31)) % 31;
  return ALPHABET[r];
}
function randomCode() {
  let body = '91410802';
  for (let i = 0; i < 9; i++) body += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return body + checkChar(body);
}

const HEADER = '统一社会信用代码,单位名称,地址,所属社区,所属网格,行业类别,监管等级,风险等级,上年度发生事故,从业人数,重大危险源,监管部门';

// ---------- server ----------
function startServer() {
  return new Promise((resolvePromise, reject) => {
    const db = join(tmp, 'e2e.db');
    server = spawn(BIN, ['serve', '--db', db, '--port', '0', '--demo', '--web-root', DIST], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s; output:\n${out}`)), 60_000);
    const onData = (chunk) => {
      out += chunk.toString();
      const m = /已启动: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}; output:\n${out}`));
    });
  });
}

function stopServer() {
  if (!server || server.exitCode !== null || server.killed) return;
  try {
    server.kill('SIGTERM');
  } catch {
    /* already gone */
  }
  const s = server;
  setTimeout(() => {
    if (s.exitCode === null) s.kill('SIGKILL');
  }, 3000).unref();
}

process.on('exit', stopServer);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopServer();
    process.exit(130);
  });
}

// ---------- page helpers ----------
function watchConsole(page, label) {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // Expected: the 409 of the conflict test and the 422 of the bad import are logged by Chromium as failed loads.
    if (/status of (401|409|422)/.test(text)) return;
    // account endpoints of issue 12 part 6 may land after the rest: the pages say so instead of failing
    if (/status of 404/.test(text) && /\/api\/v1\/(users(\/|$)|auth\/(sessions|password|totp))/.test(msg.location()?.url ?? '')) return;
    // the security flow's deliberate write without X-CSRF-Token
    if (/status of 403/.test(text) && /\/api\/v1\/auth\/logout$/.test(msg.location()?.url ?? '')) return;
    // the inspection flow's deliberate wrong password when a second member signs on the submitter's phone
    if (/status of 403/.test(text) && /\/api\/v1\/tasks\/\d+\/signatures$/.test(msg.location()?.url ?? '')) return;
    if (/status of 404/.test(text) && isPendingUrl(missingEndpoints, msg.location()?.url ?? '')) return;
    // the first-run flow's deliberate wrong setup code (403) and dictionary password (400)
    if (/status of (400|403)/.test(text) && /\/api\/v1\/setup$/.test(msg.location()?.url ?? '')) return;
    consoleErrors.push(`[${label}] ${text}`);
  });
  page.on('pageerror', (err) => consoleErrors.push(`[${label}] pageerror ${err.message}`));
}

/** Full-page screenshot; overlays (dialogs, drawers) are taken at viewport size after their transition. */
async function shot(page, name, { overlay = false } = {}) {
  await page.waitForTimeout(overlay ? 450 : 150);
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: !overlay });
}

async function login(page, base, username) {
  await page.goto(`${base}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForSelector('[data-test=dashboard]', { timeout: 15_000 });
}

/** Unit count through the page's own session (the HttpOnly cookie; a read needs no CSRF token). */
async function apiTotal(page, base, query = '') {
  return page.evaluate(async ([b, q]) => {
    const res = await fetch(`${b}/api/v1/units?page_size=1${q}`, { credentials: 'same-origin' });
    return (await res.json()).total;
  }, [base, query]);
}

/** Drops every session of the browser profile (cookies) and what the app keeps in localStorage. */
async function freshBrowserState(page) {
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear()).catch(() => {});
}

/** Chooses an option of the Element Plus select marked data-test=<name>. */
async function choose(page, name, optionText) {
  await page.locator(`[data-test=${name}]`).click();
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: optionText }).first();
  await option.waitFor({ state: 'visible' });
  await option.click();
}

async function riskTexts(page, rowSelector) {
  return page.$$eval(`${rowSelector} [data-test=risk-tag]`, (els) => els.map((e) => e.textContent.trim()));
}

async function waitListSettled(page) {
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'), null,
    { timeout: 15_000 }).catch(() => {});
}

async function noHorizontalScroll(page, label) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  assert(w <= 390, `${label}: document scrollWidth ${w} > 390`);
}

// ---------- flows ----------
async function desktopFlow(base) {
  log('\n== Desktop 1366×900 ==');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  watchConsole(page, 'desktop');
  const figures = {};

  await check('login page renders and admin signs in', async () => {
    await page.goto(`${base}/login`);
    await page.waitForSelector('[data-test=login-submit]');
    await shot(page, 'desktop-01-login');
    // wrong password shows the server message
    await page.locator('input[name=username]').fill('viewer');
    await page.locator('input[name=password]').fill('wrong-password');
    await page.locator('[data-test=login-submit]').click();
    await page.waitForSelector('[data-test=login-error]');
    await login(page, base, 'admin');
  }, page);

  await check('dashboard renders stats and charts', async () => {
    await page.waitForFunction(() => document.querySelectorAll('[data-test=chart] canvas').length >= 3, null, { timeout: 15_000 });
    const total = await page.locator('[data-test=stat-total] .stat__value').innerText();
    assert(total.replace(/,/g, '') === '2370', `dashboard total ${total}`);
    const sizes = await page.$$eval('[data-test=chart] canvas', (cs) => cs.map((c) => c.width * c.height));
    assert(sizes.every((s) => s > 0), 'a chart canvas is empty');
    await shot(page, 'desktop-02-dashboard');
  }, page);

  await check('registry first paint with 2,370 units (figure; target reported at the end)', async () => {
    await page.goto(`${base}/registry`, { waitUntil: 'commit' });
    await page.waitForSelector('[data-test=unit-table] .el-table__body .el-table__row', { timeout: 15_000 });
    const seen = await page.evaluate(() => performance.now());
    await page.waitForFunction(() => performance.getEntriesByName('registry-rows-rendered').length > 0);
    const mark = await page.evaluate(() => performance.getEntriesByName('registry-rows-rendered')[0].startTime);
    const nav = await page.evaluate(() => {
      const n = performance.getEntriesByType('navigation')[0];
      return { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd };
    });
    figures.firstPaint = mark;
    // A figure, not a pass/fail line: on a loaded two-core machine with the sanitizer build the
    // same page measures 1.2–2.1 s. The target is reported at the end; only a page that does not
    // render its rows at all within the wait above fails.
    log(`    registry first meaningful paint: ${mark.toFixed(0)} ms after navigation start ` +
      `(rows seen by the test at ${seen.toFixed(0)} ms; DOMContentLoaded ${nav.domContentLoaded.toFixed(0)} ms)`);
    const total = await page.locator('[data-test=total-count]').innerText();
    assert(total.replace(/,/g, '') === '2370', `registry total ${total}`);
    await waitListSettled(page);
    await shot(page, 'desktop-03-registry');
  }, page);

  await check('registry filter 风险等级=红 shows only 红 rows', async () => {
    await choose(page, 'filter-risk', '红');
    await page.waitForURL(/risk=red/);
    await page.waitForFunction(() => {
      const tags = [...document.querySelectorAll('[data-test=unit-table] .el-table__body [data-test=risk-tag]')];
      return tags.length > 0 && tags.every((t) => t.textContent.trim() === '红');
    }, null, { timeout: 10_000 });
    await waitListSettled(page);
    const texts = await riskTexts(page, '[data-test=unit-table] .el-table__body');
    const apiRed = await apiTotal(page, base, '&risk=red');
    const shown = Number((await page.locator('[data-test=total-count]').innerText()).replace(/,/g, ''));
    assert(texts.length > 0 && texts.every((t) => t === '红'), `risk column: ${texts.join(' ')}`);
    assert(shown === apiRed, `total ${shown} vs API ${apiRed}`);
    log(`    ${texts.length} visible rows, all 红 (total ${shown})`);
    await shot(page, 'desktop-04-registry-red');
  }, page);

  const newAddress = `解放路${Math.floor(Math.random() * 900 + 100)}号（e2e）`;
  let unitName = '';
  await check('edit a unit: change the address and see it saved', async () => {
    unitName = (await page.locator('[data-test=unit-name]').first().innerText()).trim();
    await page.locator('[data-test=edit-unit]').first().click();
    await page.waitForSelector('[data-test=unit-form]');
    await page.locator('input[data-test=field-address]').fill(newAddress);
    await shot(page, 'desktop-05-unit-form', { overlay: true });
    await page.locator('[data-test=save-unit]').click();
    await page.waitForSelector('.el-message--success');
    await page.waitForSelector('[data-test=unit-form]', { state: 'detached' }).catch(() => {});
    await page.locator('.el-table__body', { hasText: newAddress }).first().waitFor();
    // the drawer shows the new address and the history has the update
    await page.locator('[data-test=unit-name]').first().click();
    await page.waitForSelector('[data-test=unit-drawer] .el-descriptions');
    await page.locator('[data-test=unit-drawer]', { hasText: newAddress }).waitFor();
    await page.locator('[data-test=history] .el-timeline-item', { hasText: '修改' }).first().waitFor();
    await shot(page, 'desktop-06-unit-drawer', { overlay: true });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=unit-drawer]', { state: 'hidden' }).catch(() => {});
  }, page);

  await check('credit-code check in the browser shows the server message', async () => {
    await page.goto(`${base}/registry`);
    await page.locator('[data-test=create-unit]').click();
    await page.waitForSelector('[data-test=unit-form]');
    await page.locator('input[data-test=field-credit-code]').fill('91350100m0001tgqxm');
    await page.locator('input[data-test=field-name]').click();
    const err = page.locator('.el-form-item__error', { hasText: '统一社会信用代码校验位错误：第18位应为“1”，实际为“M”' });
    await err.waitFor();
    await shot(page, 'desktop-07-credit-code-error', { overlay: true });
    await page.locator('[data-test=field-override]').click();
    await err.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-test=unit-form]', { state: 'detached' }).catch(() => {});
  }, page);

  await check('two tabs edit the same unit: the second save shows 已被他人修改', async () => {
    const other = await context.newPage();
    await other.setViewportSize({ width: 1366, height: 900 });
    watchConsole(other, 'desktop-tab2');
    for (const p of [page, other]) {
      await p.goto(`${base}/registry?risk=red`);
      await p.waitForSelector('[data-test=unit-table] .el-table__body .el-table__row');
      await waitListSettled(p);
      await p.locator('[data-test=edit-unit]').first().click();
      await p.waitForSelector('[data-test=unit-form]');
      await p.waitForFunction(() => document.querySelector('input[data-test=field-address]')?.value !== '');
    }
    await page.locator('input[data-test=field-address]').fill(`${newAddress}A`);
    await page.locator('[data-test=save-unit]').click();
    await page.waitForSelector('.el-message--success');
    await other.locator('input[data-test=field-address]').fill(`${newAddress}B`);
    await other.locator('[data-test=save-unit]').click();
    const box = other.locator('.conflict-box');
    await box.waitFor({ timeout: 10_000 });
    const text = await box.innerText();
    assert(text.includes('已被他人修改'), `prompt text: ${text}`);
    await shot(other, 'desktop-08-conflict', { overlay: true });
    // reload loads the first tab's version into the form
    await box.locator('.el-button--primary').click();
    await other.waitForFunction((v) => document.querySelector('input[data-test=field-address]')?.value === v, `${newAddress}A`);
    await other.close();
  }, page);

  const before = await apiTotal(page, base).catch(() => 0);
  await check('import a bad csv: dry run lists 第N行 / 列名 errors and writes nothing', async () => {
    const bad = [HEADER,
      `91350100M0001TGQXM,e2e坏代码公司,解放路1号,东风社区,,商贸,三级,蓝,否,5,否,街道应急办`,
      `${randomCode()},e2e四级公司,解放路2号,东风社区,,商贸,四级,蓝,否,5,否,街道应急办`].join('\r\n');
    await page.goto(`${base}/imports`);
    await page.waitForSelector('[data-test=import-file]', { state: 'attached' });
    await shot(page, 'desktop-09-import');
    await page.locator('[data-test=import-file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.waitForSelector('[data-test=import-errors]');
    const rows = await page.$$eval('[data-test=err-row]', (els) => els.map((e) => e.textContent.trim()));
    const cols = await page.$$eval('[data-test=err-col]', (els) => els.map((e) => e.textContent.trim()));
    assert(rows.includes('第2行') && rows.includes('第3行'), `rows: ${rows.join(',')}`);
    assert(cols.includes('统一社会信用代码') && cols.includes('监管等级'), `columns: ${cols.join(',')}`);
    const imported = await page.locator('[data-test=imported-count]').innerText();
    assert(imported.trim() === '0', `imported ${imported}`);
    assert(await page.locator('[data-test=confirm-import]').count() === 0, 'confirm button offered for a bad file');
    const after = await apiTotal(page, base);
    assert(after === before, `total changed ${before} → ${after}`);
    await shot(page, 'desktop-10-import-errors');
  }, page);

  await check('import a good csv: imported count shown and the registry total grows', async () => {
    const good = [HEADER, ...[1, 2, 3].map((i) =>
      `${randomCode()},e2e导入测试单位${i}有限公司,解放路${100 + i}号,东风社区,,商贸；有限空间,三级,黄,否,${10 + i},否,街道应急办`)].join('\r\n');
    await page.locator('button', { hasText: '重新选择文件' }).click();
    await page.locator('[data-test=import-file]').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.waitForSelector('[data-test=confirm-import]');
    await shot(page, 'desktop-11-import-dry-run-ok');
    await page.locator('[data-test=confirm-import]').click();
    await page.waitForSelector('[data-test=import-done]');
    const text = await page.locator('[data-test=import-done-text]').innerText();
    assert(text.includes('已导入 3'), `done text: ${text}`);
    await shot(page, 'desktop-12-import-done');
    await page.goto(`${base}/registry`);
    await page.waitForSelector('[data-test=unit-table] .el-table__row');
    await waitListSettled(page);
    const shown = Number((await page.locator('[data-test=total-count]').innerText()).replace(/,/g, ''));
    assert(shown === before + 3, `registry total ${shown}, expected ${before + 3}`);
  }, page);

  await check('export units.xlsx downloads a file starting with PK', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.locator('[data-test=export-units]').click(),
    ]);
    const path = await download.path();
    const head = readFileSync(path).subarray(0, 2).toString('latin1');
    assert(head === 'PK', `file starts with ${JSON.stringify(head)}`);
    log(`    ${download.suggestedFilename()} (${readFileSync(path).length} bytes)`);
  }, page);

  await check('column chooser hides and shows a column', async () => {
    await page.locator('[data-test=column-chooser]').click();
    const box = page.locator('.el-popover:visible .el-checkbox', { hasText: '统一社会信用代码' });
    await box.click();
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-table__header th')].some((th) => th.textContent.includes('统一社会信用代码')));
    await shot(page, 'desktop-13-columns');
    await box.click();
    await page.keyboard.press('Escape');
  }, page);

  await check('roster highlights expired (red) and expiring (orange) certificates', async () => {
    await page.goto(`${base}/roster`);
    await page.waitForSelector('[data-test=roster-table] .el-table__row');
    const states = await page.$$eval('[data-test=cert-expiry]', (els) => els.map((e) => e.dataset.state));
    const colours = await page.$$eval('.expiry--expired, .expiry--soon', (els) => els.map((e) => getComputedStyle(e).color));
    assert(states.length > 0, 'no certificate dates');
    log(`    certificate states: ${JSON.stringify(states.reduce((a, s) => ({ ...a, [s]: (a[s] ?? 0) + 1 }), {}))}`);
    assert(colours.length === 0 || colours.every((c) => c !== 'rgb(31, 45, 61)'), 'highlight not coloured');
    await shot(page, 'desktop-14-roster');
  }, page);

  await check('region tree renders from the flat list', async () => {
    await page.goto(`${base}/regions`);
    await page.waitForSelector('[data-test=region-tree] .el-tree-node');
    const n = await page.locator('[data-test=region-tree] .el-tree-node:visible').count();
    assert(n >= 10, `only ${n} visible nodes`);
    await page.locator('[data-test=region-tree] .el-tree-node__content', { hasText: '东风社区' }).first().click();
    await page.locator('.regions__detail', { hasText: '东风社区' }).waitFor();
    await shot(page, 'desktop-15-regions');
  }, page);

  await check('language switch to English and back', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('[data-test=dashboard]');
    await page.locator('[data-test=account-menu]').click();
    await page.locator('[data-test=lang-switch]').click();
    await page.locator('.topbar__title', { hasText: 'Dashboard' }).waitFor();
    await page.waitForTimeout(200);
    await shot(page, 'desktop-16-dashboard-en');
    await page.locator('[data-test=account-menu]').click();
    await page.locator('[data-test=lang-switch]').click();
    await page.locator('.topbar__title', { hasText: '工作台' }).waitFor();
  }, page);

  await page.close();
  return figures;
}

// ---------- annual plan (年度计划) ----------
async function planFlow(base) {
  log('\n== Annual plan (年度计划), desktop ==');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  watchConsole(page, 'plan');
  const plan = {};
  await page.goto(`${base}/`);
  await page.waitForSelector('[data-test=dashboard]');

  await check('plans: 年度计划 in the menu opens the plan list', async () => {
    await page.locator('.sidenav .nav__item', { hasText: '年度计划' }).click();
    await page.waitForURL(/\/plans$/);
    await page.waitForSelector('[data-test=plans] [data-test=new-plan]');
    await waitListSettled(page);
    await shot(page, 'plan-01-list');
  }, page);

  await check('plans: wizard step 1 — year 2026 and preset jiefang list the rules', async () => {
    await page.locator('[data-test=new-plan]').click();
    await page.waitForSelector('[data-test=plan-wizard]');
    await choose(page, 'wiz-year', '2026 年');
    await page.locator('[data-test=preset-jiefang]').click();
    await page.locator('[data-test=wiz-calendar]', { hasText: '248' }).waitFor();
    await page.locator('[data-test=policy-rule]', { hasText: 'R-FREQ-1' }).waitFor();
    const rules = await page.$$eval('[data-test=policy-rule]', (els) => els.map((e) => e.textContent));
    assert(rules.length >= 5, `${rules.length} rules shown`);
    assert(rules.some((r) => r.includes('重点一、二级企业') && r.includes('每年 1 次')), 'R-FREQ-1 wording or frequency missing');
    await shot(page, 'plan-02-wizard-policy');
    await page.locator('[data-test=wiz-next]').click();
  }, page);

  await check('plans: wizard step 2 — seed drawn in the browser, SHA-256 committed', async () => {
    await page.waitForFunction(() => /^[0-9a-f]{64}$/.test(document.querySelector('input[data-test=wiz-seed]')?.value ?? ''));
    await page.waitForFunction(() => /^[0-9a-f]{64}$/.test(document.querySelector('[data-test=wiz-hash]')?.textContent.trim() ?? ''));
    plan.seed = await page.locator('input[data-test=wiz-seed]').inputValue();
    const hash = (await page.locator('[data-test=wiz-hash]').innerText()).trim();
    const want = createHash('sha256').update(plan.seed, 'utf8').digest('hex');
    assert(hash === want, `browser hash ${hash} ≠ sha256(seed) ${want}`);
    await page.locator('[data-test=wiz-commit]').click();
    await page.waitForSelector('[data-test=wiz-commitment]');
    const text = await page.locator('[data-test=wiz-commitment]').innerText();
    assert(text.includes(hash), 'commitment hash not shown');
    plan.commitmentId = (await page.locator('[data-test=wiz-commitment-id]').innerText()).trim();
    assert(/^\d+$/.test(plan.commitmentId), `commitment id ${plan.commitmentId}`);
    await shot(page, 'plan-03-wizard-commitment');
    await page.locator('[data-test=wiz-next]').click();
  }, page);

  await check('plans: wizard step 3 — preview shows the capacity lines and figures', async () => {
    await page.waitForSelector('[data-test=capacity-steps] li', { timeout: 30_000 });
    const steps = await page.$$eval('[data-test=capacity-steps] li', (els) => els.map((e) => e.textContent.trim()));
    assert(steps.length >= 4 && steps.some((l) => l.startsWith('可检查家次')), `steps: ${steps.join(' | ')}`);
    const det = await page.locator('[data-test=cap-deterministic]').innerText();
    assert(/%/.test(det), `deterministic figure: ${det}`);
    log(`    ${steps[steps.length - 1]}`);
    await shot(page, 'plan-04-wizard-capacity');
    await page.locator('[data-test=wiz-next]').click();
  }, page);

  await check('plans: compile lands on the plan page with the summary figures', async () => {
    const t0 = Date.now();
    await page.locator('[data-test=wiz-compile]').click();
    await page.waitForURL(/\/plans\/\d+/, { timeout: 60_000 });
    await page.waitForSelector('[data-test=plan-summary]');
    plan.id = Number(/\/plans\/(\d+)/.exec(page.url())[1]);
    const num = async (name) => Number((await page.locator(`[data-test=${name}] .pstat__value`).innerText()).replace(/,/g, ''));
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test=sum-capacity] .pstat__value')?.textContent ?? ''));
    const figures = {
      capacity: await num('sum-capacity'), deterministic: await num('sum-deterministic'), random: await num('sum-random'),
      units: await num('sum-units'), shortfall: await num('sum-shortfall'),
    };
    log(`    compiled plan ${plan.id} in ${Date.now() - t0} ms: ${JSON.stringify(figures)}`);
    assert(figures.capacity > 0 && figures.deterministic > 0 && figures.random > 0 && figures.units > 0, 'empty summary');
    const pct = await page.locator('[data-test=sum-deterministic] .pstat__sub').innerText();
    assert(/^\d+(\.\d)?%$/.test(pct.trim()), `deterministic share ${pct}`);
    const status = await page.locator('[data-test=plan-status]').innerText();
    assert(status.trim() === '草稿', `status ${status}`);
  }, page);

  await check('plans: 月历 shows items per day, holidays greyed, a day lists its items', async () => {
    await choose(page, 'cal-month', '10月');
    await page.waitForSelector('[data-test=cal-day][data-date="2026-10-09"]');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-test=cal-day]')].some((d) => Number(d.dataset.total) > 0),
      null, { timeout: 20_000 });
    const holiday = await page.locator('[data-test=cal-day][data-date="2026-10-01"]').getAttribute('class');
    assert(holiday.includes('is-off') && holiday.includes('is-holiday'), `国庆 not greyed: ${holiday}`);
    const day = page.locator('[data-test=cal-day]:not([data-total="0"]):not([disabled])').first();
    const n = Number(await day.getAttribute('data-total'));
    await day.click();
    await page.waitForSelector('[data-test=cal-day-items] [data-test=plan-item]');
    const listed = await page.locator('[data-test=cal-day-items] [data-test=plan-item]').count();
    assert(listed === n, `day shows ${n} but lists ${listed}`);
    log(`    ${await day.getAttribute('data-date')}: ${n} items`);
    await shot(page, 'plan-05-calendar');
  }, page);

  await check('plans: 核验 re-runs the draw and every check passes', async () => {
    await page.locator('.el-tabs__item', { hasText: '双随机抽取' }).click();
    await page.waitForSelector('[data-test=plan-draws] [data-test=draw-record]');
    const seedShown = (await page.locator('[data-test=draw-seed]').innerText()).trim();
    assert(seedShown === plan.seed, 'the revealed seed is not the committed one');
    await page.locator('[data-test=verify]').click();
    await page.waitForSelector('[data-test=verify-result]', { timeout: 60_000 });
    const checks = await page.$$eval('[data-test=verify-check], [data-test=verify-local]',
      (els) => els.map((e) => ({ ok: e.dataset.ok, text: e.textContent.trim() })));
    assert(checks.length >= 4, `${checks.length} checks`);
    const bad = checks.filter((c) => c.ok !== '1');
    assert(bad.length === 0, `failed: ${bad.map((c) => c.text).join(' / ')}`);
    assert(await page.locator('[data-test=verify-result]').getAttribute('data-ok') === '1', 'overall not ok');
    log(`    ${checks.length} checks ✓`);
    await shot(page, 'plan-06-verify');
  }, page);

  await check('plans: download the plan PDF (application/pdf, > 10 KB)', async () => {
    await page.locator('[data-test=downloads]').click();
    const [response, download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes(`/plans/${plan.id}/export/plan.pdf`), { timeout: 60_000 }),
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('[data-test=download-pdf]').click(),
    ]);
    const type = response.headers()['content-type'] ?? '';
    // The page reads the body as a Blob and saves it: check the saved file.
    const body = readFileSync(await download.path());
    assert(response.status() === 200, `status ${response.status()}`);
    assert(type.startsWith('application/pdf'), `content-type ${type}`);
    assert(body.length > 10 * 1024, `pdf is ${body.length} bytes`);
    assert(body.subarray(0, 5).toString('latin1') === '%PDF-', 'not a PDF');
    log(`    ${download.suggestedFilename()} (${(body.length / 1024).toFixed(0)} KB)`);
  }, page);

  await check('plans: 报批 (submit) as admin', async () => {
    await page.locator('[data-test=action-submit]').click();
    await page.locator('.plan-action-box .el-button--primary').click();
    await page.waitForSelector('[data-test=plan-status][data-status=submitted]', { timeout: 15_000 });
    assert(await page.locator('[data-test=action-submit]').count() === 0, 'submit still offered');
    await shot(page, 'plan-07-submitted');
  }, page);

  await check('plans: leader signs in and 批准 (approves) the plan', async () => {
    await page.locator('[data-test=account-menu]').click();
    await page.locator('[data-test=logout]').click();
    await page.waitForURL(/\/login/);
    await login(page, base, 'leader');
    await page.goto(`${base}/plans/${plan.id}`);
    await page.waitForSelector('[data-test=action-approve]');
    assert(await page.locator('[data-test=adjust]').count() === 0, 'a leader is offered 调整');
    await page.locator('[data-test=action-approve]').click();
    await page.locator('.plan-action-box .el-button--primary').click();
    await page.waitForSelector('[data-test=plan-status][data-status=approved]', { timeout: 15_000 });
    await page.waitForSelector('[data-test=action-enact]');
    await page.locator('.el-tabs__item', { hasText: '版本与调整' }).click();
    await page.locator('[data-test=plan-revisions] .el-timeline-item', { hasText: '批准' }).waitFor();
    await shot(page, 'plan-08-approved');
  }, page);

  await page.locator('[data-test=account-menu]').click();
  await page.locator('[data-test=logout]').click();
  await page.waitForURL(/\/login/).catch(() => {});
  await page.close();
  return plan;
}

async function phoneFlow(base, plan = {}) {
  log('\n== Phone 390×844 ==');
  const page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  watchConsole(page, 'phone');
  await page.goto(`${base}/login`);
  await freshBrowserState(page);

  await check('phone: login', async () => {
    await page.goto(`${base}/login`);
    await page.waitForSelector('[data-test=login-submit]');
    await noHorizontalScroll(page, 'login');
    await shot(page, 'phone-01-login');
    await login(page, base, 'admin');
  }, page);

  await check('phone: dashboard without horizontal scroll', async () => {
    await page.waitForFunction(() => document.querySelectorAll('[data-test=chart] canvas').length >= 3, null, { timeout: 15_000 });
    await noHorizontalScroll(page, 'dashboard');
    await shot(page, 'phone-02-dashboard');
  }, page);

  await check('phone: menu collapses into a drawer', async () => {
    assert(await page.locator('aside.sidenav').count() === 0, 'side nav visible on phone');
    await page.locator('[data-test=menu-button]').click();
    await page.locator('.nav-drawer .nav__item', { hasText: '单位台账' }).waitFor();
    await shot(page, 'phone-03-menu', { overlay: true });
    await page.locator('.nav-drawer .nav__item', { hasText: '单位台账' }).click();
    await page.waitForURL(/\/registry/);
  }, page);

  await check('phone: registry shows cards, no horizontal scroll', async () => {
    await page.waitForSelector('[data-test=unit-card]');
    await waitListSettled(page);
    assert(await page.locator('[data-test=unit-table]').count() === 0, 'table shown on phone');
    await noHorizontalScroll(page, 'registry');
    await shot(page, 'phone-04-registry');
  }, page);

  await check('phone: filter 风险等级=红 shows only 红 cards', async () => {
    await choose(page, 'filter-risk', '红');
    await page.waitForURL(/risk=red/);
    await page.waitForFunction(() => {
      const tags = [...document.querySelectorAll('[data-test=unit-card] [data-test=risk-tag]')];
      return tags.length > 0 && tags.every((t) => t.textContent.trim() === '红');
    }, null, { timeout: 10_000 });
    const texts = await riskTexts(page, '[data-test=unit-cards]');
    assert(texts.every((t) => t === '红'), `cards: ${texts.join(' ')}`);
    await noHorizontalScroll(page, 'registry red');
    await shot(page, 'phone-05-registry-red');
  }, page);

  await check('phone: detail drawer and single-column form', async () => {
    await page.locator('[data-test=unit-card]').first().click();
    await page.waitForSelector('[data-test=unit-drawer] .el-descriptions');
    await shot(page, 'phone-06-unit-drawer', { overlay: true });
    await page.locator('[data-test=drawer-edit]').click();
    await page.waitForSelector('[data-test=unit-form]');
    const cols = await page.$eval('[data-test=unit-form]', (f) => getComputedStyle(f).gridTemplateColumns.split(' ').length);
    assert(cols === 1, `form has ${cols} columns`);
    await shot(page, 'phone-07-unit-form', { overlay: true });
    await page.keyboard.press('Escape');
  }, page);

  for (const [route, name, selector] of [
    ['roster', 'phone-08-roster', '[data-test=roster-cards]'],
    ['regions', 'phone-09-regions', '[data-test=region-tree] .el-tree-node'],
    ['imports', 'phone-10-imports', '[data-test=import-file]'],
  ]) {
    await check(`phone: ${route} fits the screen`, async () => {
      await page.goto(`${base}/${route}`);
      await page.waitForSelector(selector, { state: 'attached' });
      await waitListSettled(page);
      await noHorizontalScroll(page, route);
      await shot(page, name);
    }, page);
  }

  if (plan.id) {
    await check('phone: plan page renders without horizontal overflow', async () => {
      await page.goto(`${base}/plans/${plan.id}`);
      await page.waitForSelector('[data-test=plan-summary]');
      await page.waitForSelector('[data-test=plan-calendar] [data-test=cal-day]');
      await page.waitForFunction(() => /\d/.test(document.querySelector('[data-test=sum-capacity] .pstat__value')?.textContent ?? ''));
      await waitListSettled(page);
      await noHorizontalScroll(page, 'plan');
      await shot(page, 'phone-11-plan');
      await page.goto(`${base}/plans/${plan.id}?tab=items`);
      await page.waitForSelector('[data-test=plan-items-table] [data-test=plan-item]');
      await noHorizontalScroll(page, 'plan items');
      await page.goto(`${base}/plans`);
      await page.waitForSelector('[data-test=plans-cards] [data-test=plan-link]');
      await noHorizontalScroll(page, 'plan list');
      await shot(page, 'phone-12-plans');
    }, page);
  }

  await check('phone: logout from the account menu', async () => {
    await page.locator('[data-test=account-menu]').click();
    await page.locator('[data-test=logout]').click();
    await page.waitForURL(/\/login/);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert(!/anjian\.token|anjian\.user/.test(stored), `session data still stored: ${stored.slice(0, 200)}`);
    const cookies = (await context.cookies(base)).filter((c) => c.name.startsWith('anjian_') && c.value);
    assert(cookies.length === 0, `cookies left after logout: ${cookies.map((c) => c.name).join(', ')}`);
  }, page);
  await page.close();
}

// ---------- hazard ledger (隐患治理) and the closed loop ----------
/** Signs in through the login form and lands on `path` (via ?redirect=), skipping the dashboard. */
async function loginAt(page, base, username, path) {
  await page.goto(`${base}/login?redirect=${encodeURIComponent(path)}`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL((u) => u.pathname === path.split('?')[0], { timeout: 15_000 });
}

/** Closes an open drawer, then signs out from the account menu (or, failing that, drops the stored session). */
async function logout(page) {
  try {
    const drawer = page.locator('.el-drawer:visible');
    if (await drawer.count()) {
      await page.keyboard.press('Escape');
      await drawer.first().waitFor({ state: 'hidden' });
    }
    await page.locator('[data-test=account-menu]').click();
    await page.locator('[data-test=logout]').click();
    // With inspection drafts on the device the app asks before deleting them: confirm. Polled, not
    // raced, so no waiter outlives this call and clicks a later test's dialog.
    const confirm = page.locator('.el-message-box__btns .el-button--primary');
    for (let waited = 0; waited < 10_000 && !/\/login/.test(new URL(page.url()).pathname); waited += 100) {
      // short timeout: a box already clicked fades out while the page goes to /login
      if (await confirm.isVisible()) await confirm.click({ timeout: 1000 }).catch(() => {});
      await page.waitForTimeout(100);
    }
    await page.waitForURL(/\/login/);
  } catch (err) {
    log(`    (logout through the menu failed: ${err.message.split('\n')[0]})`);
    await freshBrowserState(page);
  }
}

/**
 * Calls the API; returns { status, body }. Without `token`: in the page, as the signed-in user of the
 * browser (the HttpOnly session cookie, and X-CSRF-Token from the anjian_csrf cookie on writes, as the
 * app does). With `token` (or for a login): from Node with `Authorization: Bearer`, outside the
 * browser, so that an API login never replaces the browser's session cookie.
 */
async function apiCall(page, base, method, path, body, token) {
  if (token || path === '/api/v1/auth/login') return nodeApi(base, method, path, body, token);
  return page.evaluate(async ([b, m, p, j]) => {
    const csrf = decodeURIComponent((/(?:^|;\s*)anjian_csrf=([^;]*)/.exec(document.cookie) ?? [])[1] ?? '');
    const headers = {};
    if (j !== null) headers['Content-Type'] = 'application/json';
    if (!['GET', 'HEAD'].includes(m) && csrf) headers['X-CSRF-Token'] = csrf;
    const res = await fetch(`${b}${p}`, { method: m, headers, credentials: 'same-origin', body: j === null ? undefined : JSON.stringify(j) });
    return { status: res.status, body: await res.json().catch(() => null) };
  }, [base, method, path, body ?? null]);
}

/** An API call from Node (no browser cookies): a bearer token needs no CSRF token. */
async function nodeApi(base, method, path, body, token) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== null && body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: body === null || body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await res.json().catch(() => null) };
}

function ymdPlus(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const drawerState = (page, state) =>
  page.locator(`[data-test=hazard-drawer] .drawer-head [data-test=state-tag][data-state=${state}]`).waitFor({ timeout: 10_000 });

/** Runs an allowed action from the drawer: its button, the small form (filled by `fill`), 确定. */
async function hazardAction(page, action, fill) {
  await page.locator(`[data-test=hazard-drawer] [data-test=hz-action-${action}]`).click();
  const dialog = page.locator(`[data-test=hazard-action-dialog][data-action=${action}]`);
  await dialog.waitFor();
  if (fill) await fill(dialog);
  await dialog.locator('[data-test=action-submit]').click();
}

async function hazardFlow(base) {
  log('\n== Hazard ledger (隐患治理) and closed loop ==');
  const hz = { marker: `e2e隐患${Date.now().toString(36)}` };
  let page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  watchConsole(page, 'hazard');
  await page.goto(`${base}/login`);
  await freshBrowserState(page);

  await check('hazards: 隐患治理 in the menu opens the ledger with state chips', async () => {
    await login(page, base, 'admin');
    await page.locator('.sidenav .nav__item', { hasText: '隐患治理' }).click();
    await page.waitForURL(/\/hazards$/);
    await page.waitForSelector('[data-test=state-chips] [data-test=state-chip-all]');
    const chips = await page.$$eval('[data-test=state-chips] .hz-chip__label', (els) => els.map((e) => e.textContent.trim()));
    assert(chips.join(',') === '全部,登记,整改中,企业已提交整改,复查通过,销号,归档', `chips: ${chips.join(',')}`);
    assert(await page.locator('[data-test=register-hazard]').count() === 1, 'admin is not offered 登记隐患');
  }, page);

  await check('hazards: the enterprise account’s unit is found', async () => {
    const ent = await apiCall(page, base, 'POST', '/api/v1/auth/login', { username: 'enterprise', password: PASSWORD });
    const me = await apiCall(page, base, 'GET', '/api/v1/auth/me', null, ent.body.token);
    hz.unitId = me.body.unit_id;
    assert(hz.unitId, 'the enterprise account has no unit');
    const unit = await apiCall(page, base, 'GET', `/api/v1/units/${hz.unitId}`);
    hz.unitName = unit.body.name;
    hz.creditCode = unit.body.credit_code;
    log(`    enterprise unit: ${hz.unitName} (${hz.creditCode})`);
  }, page);

  await check('hazards: a major hazard’s 销号 shows the 422 message naming the missing signatures', async () => {
    // Brought to 复查通过 through the API (admin may do every step), then handled in the drawer.
    const reg = await apiCall(page, base, 'POST', '/api/v1/hazards',
      { unit_id: hz.unitId, grade: 'major', description: `${hz.marker} 液氨储罐区泄漏报警装置失效`, legal_basis: '《安全生产法》第四十一条' });
    assert(reg.status === 201, `register ${reg.status} ${JSON.stringify(reg.body)}`);
    let h = reg.body;
    for (const step of [{ action: 'issue_order', deadline: ymdPlus(10) }, { action: 'submit_rectification' }, { action: 'review_pass' }]) {
      const r = await apiCall(page, base, 'POST', `/api/v1/hazards/${h.id}/transitions`, { ...step, version: h.version });
      assert(r.status === 200, `${step.action}: ${r.status} ${JSON.stringify(r.body)}`);
      h = r.body;
    }
    hz.majorId = h.id;
    await page.goto(`${base}/hazards?id=${h.id}`);
    await drawerState(page, 'review_passed');
    const items = page.locator('[data-test=hazard-drawer] [data-test=closure-item]');
    assert(await items.count() === 6, `${await items.count()} closure conditions`);
    assert(await page.locator('[data-test=closure-item][data-done="1"]').count() === 0, 'a condition is already done');
    // Someone else reports it to the superior meanwhile: the drawer's version is stale (409), shown, then reloaded.
    const other = await apiCall(page, base, 'POST', `/api/v1/hazards/${h.id}/transitions`, { action: 'report_superior', version: h.version });
    assert(other.status === 200, `report_superior ${other.status}`);
    const supervise = (d) => d.locator('[data-test=action-level] label', { hasText: '区级' }).click()
      .then(() => d.locator('input[data-test=action-leader]').fill('张建国'));
    await hazardAction(page, 'list_supervision', supervise);
    const alert = page.locator('[data-test=hazard-drawer] [data-test=action-error]');
    await alert.filter({ hasText: '已被他人修改' }).waitFor();
    await page.locator('[data-test=closure-item][data-key=report_superior][data-done="1"]').waitFor();
    // 挂牌督办 through its form, now with the fresh version
    await hazardAction(page, 'list_supervision', supervise);
    await page.locator('[data-test=closure-item][data-key=list_supervision][data-done="1"]', { hasText: '区级 · 张建国' }).waitFor();
    await hazardAction(page, 'close');
    await alert.filter({ hasText: '销号前还缺' }).waitFor();
    const text = await alert.innerText();
    for (const missing of ['重大隐患销号前还缺', '企业主要负责人签字', '监管部门复核人签字', '监管部门负责人签字', '验收合格']) {
      assert(text.includes(missing), `422 message lacks ${missing}: ${text}`);
    }
    assert(!text.includes('挂牌督办') && !text.includes('上报上级'), `done conditions still listed: ${text}`);
    assert(await page.locator('[data-test=closure-item][data-done="1"]').count() === 2, 'checklist does not show 2 done');
    await drawerState(page, 'review_passed');
    log(`    ${text.trim()}`);
    await shot(page, 'hazard-01-major-422', { overlay: true });
  }, page);
  await logout(page);

  await check('hazards: inspector registers a general hazard for the enterprise’s unit', async () => {
    await loginAt(page, base, 'inspector', '/hazards');
    await page.locator('[data-test=register-hazard]').click();
    const dialog = page.locator('[data-test=hazard-register]');
    await dialog.waitFor();
    await dialog.locator('[data-test=reg-unit]').click();
    await page.keyboard.type(hz.unitName);
    const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: hz.creditCode }).first();
    await option.waitFor();
    await option.click();
    await dialog.locator('textarea[data-test=reg-description]').fill(`${hz.marker} 仓库消防通道被货物堵塞`);
    await dialog.locator('input[data-test=reg-basis]').fill('《消防法》第二十八条');
    await shot(page, 'hazard-02-register', { overlay: true });
    await dialog.locator('[data-test=reg-submit]').click();
    await drawerState(page, 'registered');
    await page.locator('[data-test=hazard-drawer] [data-test=hazard-description]', { hasText: hz.marker }).waitFor();
    hz.id = Number(new URL(page.url()).searchParams.get('id'));
    assert(hz.id > 0, `no id in ${page.url()}`);
    await page.locator('[data-test=hazard-table] .el-table__row', { hasText: hz.marker }).first().waitFor();
  }, page);

  await check('hazards: 下达整改指令 with a deadline moves it to 整改中', async () => {
    await hazardAction(page, 'issue_order', (d) => d.locator('[data-test=deadline-7]').click());
    await drawerState(page, 'rectifying');
    const deadline = (await page.locator('[data-test=hazard-drawer] [data-test=deadline]').innerText()).trim();
    assert(deadline.startsWith(ymdPlus(7)), `deadline ${deadline}, expected ${ymdPlus(7)}`);
    await page.keyboard.press('Escape');
    await page.waitForURL((u) => !u.searchParams.has('id'));
    const row = page.locator('[data-test=hazard-table] .el-table__row', { hasText: hz.marker }).first();
    await row.locator('[data-test=state-tag][data-state=rectifying]').waitFor();
    const n = Number(await page.locator('[data-test=state-chip-rectifying]').getAttribute('data-count'));
    assert(n >= 1, `整改中 chip counts ${n}`);
    await page.locator('[data-test=state-chip-rectifying]').click();
    await page.waitForURL(/state=rectifying/);
    await waitListSettled(page);
    const states = await page.$$eval('[data-test=hazard-table] .el-table__body [data-test=state-tag]', (els) => els.map((e) => e.dataset.state));
    assert(states.length === n && states.every((s) => s === 'rectifying'), `filtered states ${states.join(',')} (chip ${n})`);
    await shot(page, 'hazard-03-ledger');
  }, page);
  await logout(page);
  await page.close();

  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  watchConsole(phone, 'hazard-phone');
  await check('hazards (phone): enterprise sees only its unit’s hazards as cards and submits the rectification', async () => {
    await loginAt(phone, base, 'enterprise', '/hazards');
    await phone.waitForSelector('[data-test=hazard-card]');
    await waitListSettled(phone);
    assert(await phone.locator('[data-test=hazard-table]').count() === 0, 'table shown on phone');
    assert(await phone.locator('[data-test=register-hazard]').count() === 0, 'enterprise is offered 登记隐患');
    const names = await phone.$$eval('[data-test=hazard-card] .unit-card__name', (els) => els.map((e) => e.textContent.trim()));
    assert(names.length >= 2 && names.every((n) => n === hz.unitName), `cards: ${names.join(' | ')}`);
    await noHorizontalScroll(phone, 'hazard ledger');
    await shot(phone, 'hazard-04-phone-ledger');
    await phone.locator('[data-test=hazard-card]', { hasText: `${hz.marker} 仓库` }).click();
    await drawerState(phone, 'rectifying');
    const button = phone.locator('[data-test=hz-action-submit_rectification]');
    const box = await button.boundingBox();
    assert(box && box.height >= 40 && box.width >= 120, `submit button ${JSON.stringify(box)}`);
    await noHorizontalScroll(phone, 'hazard drawer');
    await shot(phone, 'hazard-05-phone-detail', { overlay: true });
    await hazardAction(phone, 'submit_rectification', (d) => d.locator('textarea[data-test=action-note]').fill('已清理通道并设置禁停标识'));
    await drawerState(phone, 'submitted');
    assert(await phone.locator('[data-test=hazard-drawer] [data-test=no-actions]').count() === 1, 'enterprise still has actions');
  }, phone);
  await logout(phone);
  await phone.close();

  page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  watchConsole(page, 'hazard-2');
  await check('hazards: inspector passes the re-inspection, closes (销号) and archives (归档)', async () => {
    await loginAt(page, base, 'inspector', `/hazards?id=${hz.id}`);
    await drawerState(page, 'submitted');
    await hazardAction(page, 'review_pass');
    await drawerState(page, 'review_passed');
    await hazardAction(page, 'close');
    await drawerState(page, 'closed');
    await hazardAction(page, 'archive');
    await drawerState(page, 'archived');
    await page.locator('[data-test=hazard-drawer] [data-test=no-actions]').waitFor();
  }, page);

  await check('hazards: the timeline has every step of the loop', async () => {
    const entries = page.locator('[data-test=hazard-drawer] [data-test=timeline-entry]');
    await entries.nth(5).waitFor();
    const actions = await entries.evaluateAll((els) => els.map((e) => e.dataset.action));
    assert(actions.join(',') === 'archive,close,review_pass,submit_rectification,issue_order,register', `timeline: ${actions.join(',')}`);
    const text = await page.locator('[data-test=hazard-drawer] [data-test=hazard-timeline]').innerText();
    for (const s of ['归档', '销号', '复查通过', '提交整改', '下达整改指令', '登记隐患', '企业已提交整改 → 复查通过',
      `整改期限 ${ymdPlus(7)}`, '已清理通道并设置禁停标识']) {
      assert(text.includes(s), `timeline lacks “${s}”`);
    }
    await shot(page, 'hazard-06-timeline', { overlay: true });
  }, page);
  await logout(page);
  await page.close();
}

/** Signs in through the login form without a redirect and waits for the role's landing page. */
async function loginLanding(page, base, username, landing) {
  await page.goto(`${base}/login`);
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(PASSWORD);
  await page.locator('[data-test=login-submit]').click();
  await page.waitForURL(landing, { timeout: 15_000 });
}

// ---------- issue 12: cookie session, CSRF, demo banner, security roles, audit log, drafts at logout ----------
async function securityFlow(base) {
  log('\n== Security (会话、CSRF、演示横幅、安全管理员、审计员) ==');
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  watchConsole(page, 'security');
  await page.goto(`${base}/login`);
  await freshBrowserState(page);

  await check('security: the demo banner is on the login page and on every page', async () => {
    await page.goto(`${base}/login`);
    const banner = page.locator('[data-test=demo-banner]');
    await banner.waitFor();
    const text = await banner.innerText();
    assert(text.includes('演示环境：数据为虚构，演示账号密码公开，请勿录入真实信息'), `banner: ${text}`);
    await login(page, base, 'admin');
    await page.locator('[data-test=demo-banner]').waitFor();
    await shot(page, 'security-01-demo-banner');
  }, page);

  await check('security: the session is an HttpOnly cookie; no token in localStorage or document.cookie', async () => {
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert(!/token/i.test(stored), `localStorage holds a token: ${stored.slice(0, 200)}`);
    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name === 'anjian_session');
    const csrf = cookies.find((c) => c.name === 'anjian_csrf');
    assert(session && session.httpOnly && session.sameSite === 'Strict', `session cookie ${JSON.stringify(session)}`);
    assert(csrf && !csrf.httpOnly, `csrf cookie ${JSON.stringify(csrf)}`);
    const visible = await page.evaluate(() => document.cookie);
    assert(!visible.includes('anjian_session'), 'the session cookie is readable by script');
    assert(!stored.includes(session.value), 'the session token is in localStorage');
  }, page);

  await check('security: a write without X-CSRF-Token is refused (403 csrf); the app’s own writes carry it', async () => {
    const bare = await page.evaluate(async (b) => {
      const res = await fetch(`${b}/api/v1/auth/logout`, { method: 'POST', credentials: 'same-origin' });
      return { status: res.status, body: await res.json().catch(() => null) };
    }, base);
    assert(bare.status === 403 && bare.body?.error?.code === 'csrf', `without the header: ${bare.status} ${JSON.stringify(bare.body)}`);
    // still signed in, and a write through the app's client works
    const me = await apiCall(page, base, 'GET', '/api/v1/auth/me');
    assert(me.status === 200 && me.body?.csrf_token, `me ${me.status}`);
    await page.goto(`${base}/registry`);
    await page.waitForSelector('[data-test=unit-table] .el-table__body .el-table__row', { timeout: 15_000 });
  }, page);

  await check('security: 我的账号 opens from the account menu', async () => {
    await page.locator('[data-test=account-menu]').click();
    await page.locator('[data-test=my-account]').click();
    await page.waitForURL(/\/account$/);
    await page.locator('[data-test=password-submit]').waitFor();
    await shot(page, 'security-02-my-account');
  }, page);
  await logout(page);

  await check('security: logout removes the inspection drafts from the device (after asking)', async () => {
    await loginAt(page, base, 'inspector', '/tasks');
    // a draft with a photo and a signature, as the inspection form stores it (IndexedDB anjian/drafts)
    await page.evaluate(() => new Promise((resolve, reject) => {
      const req = indexedDB.open('anjian', 1);
      req.onupgradeneeded = () => { if (!req.result.objectStoreNames.contains('drafts')) req.result.createObjectStore('drafts'); };
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const tx = req.result.transaction('drafts', 'readwrite');
        tx.objectStore('drafts').put(JSON.stringify({ format: 0, savedAt: Date.now(), draft: { photo: 'data:image/jpeg;base64,/9j/AA==', signature: 'data:image/png;base64,AA==' } }), 'inspection:0-999999');
        tx.oncomplete = () => { req.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    }));
    await page.locator('[data-test=account-menu]').click();
    await page.locator('[data-test=logout]').click();
    const box = page.locator('.el-message-box', { hasText: '未提交的检查草稿' });
    await box.waitFor();
    await shot(page, 'security-03-logout-drafts', { overlay: true });
    await box.locator('.el-message-box__btns .el-button--primary').click();
    await page.waitForURL(/\/login/);
    const keys = await page.evaluate(() => new Promise((resolve, reject) => {
      const req = indexedDB.open('anjian', 1);
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const all = req.result.transaction('drafts', 'readonly').objectStore('drafts').getAllKeys();
        all.onsuccess = () => { req.result.close(); resolve(all.result.map(String)); };
        all.onerror = () => reject(all.error);
      };
    }));
    assert(keys.filter((k) => k.startsWith('inspection:')).length === 0, `drafts left: ${keys.join(', ')}`);
  }, page);

  await check('security: the security admin sees 账号管理 only and lands on it', async () => {
    await loginLanding(page, base, 'security', /\/accounts$/);
    const items = await page.$$eval('.sidenav .nav__item', (els) => els.map((e) => e.textContent.trim()));
    assert(items.join(',') === '账号管理', `menu: ${items.join(',')}`);
    await page.waitForSelector('[data-test=accounts-table], [data-test=accounts-error]');
    if (await page.locator('[data-test=accounts-error]').count()) {
      log(`    账号管理: ${await page.locator('[data-test=accounts-error]').innerText()}`);
    }
    await page.goto(`${base}/registry`);
    await page.waitForURL(/\/accounts$/);
    await shot(page, 'security-04-accounts');
  }, page);
  await logout(page);

  await check('security: the auditor sees 审计日志 only; filters, expands a change and exports xlsx', async () => {
    await loginLanding(page, base, 'auditor', /\/audit$/);
    const items = await page.$$eval('.sidenav .nav__item', (els) => els.map((e) => e.textContent.trim()));
    assert(items.join(',') === '审计日志', `menu: ${items.join(',')}`);
    await page.waitForSelector('[data-test=audit-table] .el-table__body .el-table__row', { timeout: 15_000 });
    // the refused logout above was audited as a denial
    await choose(page, 'audit-outcome', '拒绝');
    await page.locator('[data-test=audit-search]').click();
    await waitListSettled(page);
    const outcomes = await page.$$eval('[data-test=audit-table] [data-test=audit-outcome-tag]', (els) => els.map((e) => e.textContent.trim()));
    assert(outcomes.length > 0 && outcomes.every((o) => o === '拒绝'), `outcomes: ${outcomes.join(',')}`);
    // a field-level change (unit.update, from the desktop flow) when there is one
    await choose(page, 'audit-outcome', '成功');
    await page.locator('input[data-test=audit-action]').fill('unit.update');
    await page.locator('[data-test=audit-search]').click();
    await waitListSettled(page);
    if (await page.locator('[data-test=audit-table] .el-table__body .el-table__row').count()) {
      await page.locator('[data-test=audit-table] .el-table__expand-icon').first().click();
      await page.locator('[data-test=audit-details]').first().waitFor();
      const changes = await page.locator('[data-test=audit-change]').count();
      log(`    unit.update entry: ${changes} field change(s) shown`);
    }
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 15_000 }),
      page.locator('[data-test=audit-export]').click(),
    ]);
    assert(/\.xlsx$/.test(download.suggestedFilename()), `export file ${download.suggestedFilename()}`);
    await page.locator('[data-test=audit-anchors]').waitFor();
    await shot(page, 'security-05-audit');
    await page.goto(`${base}/hazards`);
    await page.waitForURL(/\/audit$/);
  }, page);
  await logout(page);
  await page.close();
}

async function main() {
  mkdirSync(SHOTS, { recursive: true });
  tmp = mkdtempSync(join(tmpdir(), 'anjian-e2e-'));
  assert(existsSync(join(DIST, 'index.html')), `${DIST}/index.html missing: run "npm run build" first`);
  assert(existsSync(BIN), `server binary ${BIN} missing: build it or set ANJIAN_BIN`);

  const base = await startServer();
  log(`server: ${base} (binary ${BIN})`);
  log(`screenshots: ${SHOTS}`);

  const profile = join(tmp, 'profile');
  const launchOptions = {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  };
  context = await chromium.launchPersistentContext(profile, { ...launchOptions, acceptDownloads: true, locale: 'zh-CN' });
  context.setDefaultTimeout(10_000);
  for (const p of context.pages()) await p.close().catch(() => {});

  missingEndpoints = await probeEndpoints(context, base, PASSWORD);
  if (missingEndpoints.size) log(`endpoints the server does not have yet: ${[...missingEndpoints].join(', ')}`);
  const only = (process.env.E2E_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const runs = (flow) => !only.length || only.includes(flow);
  const figures = runs('desktop') ? await desktopFlow(base) : {};
  const plan = runs('plan') ? await planFlow(base) : {};
  if (runs('phone')) await phoneFlow(base, plan);
  if (runs('hazard')) await hazardFlow(base);
  if (runs('security')) await securityFlow(base);
  if (runs('inspections')) {
    await inspectionFlow(base, {
      context, check, assert, shot, log, loginAt, logout, apiCall, watchConsole, noHorizontalScroll, PASSWORD,
      missing: missingEndpoints,
    });
  }
  if (runs('a11y')) {
    await a11yFlow(base, {
      context, chromium, launchOptions, bin: BIN, dist: DIST, shotsDir: SHOTS, check, assert, log, loginAt, logout,
      nodeApi, watchConsole, PASSWORD,
    });
  }
  if (runs('setup')) {
    await setupFlow({ chromium, launchOptions, bin: BIN, dist: DIST, check, assert, shot, log, watchConsole });
  }

  log('\n== Figures ==');
  await check(`initial route JS < ${BUNDLE_TARGET_KB} KB gzip`, async () => {
    const b = initialBundle(DIST);
    for (const r of b.rows) log(`    ${r.file}: ${(r.gzip / 1024).toFixed(1)} KB gzip (${(r.raw / 1024).toFixed(1)} KB raw)`);
    log(`    initial route JS: ${(b.gzip / 1024).toFixed(1)} KB gzip, ${(b.raw / 1024).toFixed(1)} KB raw`);
    assert(b.gzip / 1024 < BUNDLE_TARGET_KB, 'bundle too large');
  });
  await check('no unexpected console errors', async () => {
    assert(consoleErrors.length === 0, consoleErrors.slice(0, 5).join('\n'));
  });
  if (figures.firstPaint !== undefined) {
    const met = figures.firstPaint < FIRST_PAINT_TARGET_MS ? 'met' : 'NOT met';
    log(`registry first meaningful paint: ${figures.firstPaint.toFixed(0)} ms (target < ${FIRST_PAINT_TARGET_MS} ms: ${met})`);
  }
}

let fatal;
try {
  await main();
} catch (err) {
  fatal = err;
  results.push({ name: 'harness', ok: false, err });
  console.error(`fatal: ${err?.stack ?? err}`);
} finally {
  await context?.close().catch(() => {});
  stopServer();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

const passed = results.filter((r) => r.ok).length;
const skipped = results.filter((r) => r.skipped).length;
const failed = results.length - passed - skipped;
writeFileSync(join(SHOTS, 'summary.txt'), `${results.map((r) => `${r.ok ? 'PASS' : r.skipped ? 'SKIP' : 'FAIL'} ${r.name}`).join('\n')}\n`);
log(`\ne2e duration: ${((Date.now() - started) / 1000).toFixed(1)} s`);
log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed || skipped || fatal ? 1 : 0;
