// Accessibility of every screen (GB/T 37668, which follows WCAG 2.1): axe-core runs the WCAG 2.1
// A/AA rules (tags wcag2a, wcag2aa, wcag21a, wcag21aa) over every route a demo user can reach,
// signed in with the role that sees it, plus the login page and the first-run screen (/setup, on a
// second server with an empty database), at both viewports of the suite (desktop 1366×900 and
// phone 390×844). Run by run.mjs after the inspection flow, whose signed record it scans (or alone
// with E2E_ONLY=a11y: it then makes the plan and the hazard it needs through the API, but has no
// record to open, and those two checks fail saying so). Every screen × viewport is one check; a check
// fails on any violation and prints the rule id, the impact, the target selectors and the screen.
// axe does not judge focus indicators: on the login page, the registry, the plan calendar and the
// inspection form the flow tabs through the controls and requires a visible ring of at least 3:1.
// The full axe answers are saved next to the screenshots as a11y-report.json.
//
// No axe rule is disabled and no element is excluded.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmptyServer, stopServer } from './setup.mjs';

// Evaluated through the DevTools protocol, not added as a <script>: the app's CSP (script-src 'self') stays on.
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const VIEWPORTS = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];
/** Targets printed per rule; the report file has them all. */
const MAX_TARGETS = 12;

/** Waits until the page has stopped loading and animating: no request for a while, no loading mask. */
async function settle(page) {
  await page.mouse.move(0, 0);
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask:not([style*="display: none"])'), null,
    { timeout: 15_000 }).catch(() => {});
  // Element Plus transitions (fades of tags, drawers, messages) are 0.3 s: a half-faded colour is not the real one
  await page.waitForTimeout(600);
}

/** Runs axe-core in the page; resolves with its violations. */
export async function axeViolations(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 300), summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

/** "rule (impact, n): target, target…" lines for an assertion message. */
export function describeViolations(violations) {
  const lines = [`${violations.length} rule(s), ${violations.reduce((n, v) => n + v.nodes.length, 0)} element(s)`];
  for (const v of violations) {
    lines.push(`      ${v.id} (${v.impact}, ${v.nodes.length}) ${v.help}`);
    for (const n of v.nodes.slice(0, MAX_TARGETS)) {
      const why = (n.summary ?? '').split('\n').slice(1, 2).join(' ').trim();
      lines.push(`        ${n.target}${why ? `  — ${why.slice(0, 160)}` : ''}`);
    }
    if (v.nodes.length > MAX_TARGETS) lines.push(`        … and ${v.nodes.length - MAX_TARGETS} more`);
  }
  return lines.join('\n');
}

/**
 * Tabs through the page (up to `limit` stops) and measures each focused element's indicator: its
 * outline, or the inset ring Element Plus draws on the input's wrapper. Returns the stops whose
 * indicator is missing or under 3:1 against the background behind it (WCAG 2.4.7, 1.4.11). axe has
 * no rule for this.
 */
export async function weakFocusRings(page, limit = 40) {
  await page.evaluate(() => { document.activeElement?.blur?.(); window.scrollTo(0, 0); });
  const weak = [];
  const seen = new Set();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(async () => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // Element Plus fades its rings in (transition .2s): measure the end state
      if (el.closest('.el-input__wrapper, .el-select__wrapper, .el-textarea, .el-button')) await new Promise((r) => setTimeout(r, 260));
      const parse = (c) => {
        const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(c ?? '');
        return m ? { rgb: [+m[1], +m[2], +m[3]], a: m[4] === undefined ? 1 : +m[4] } : null;
      };
      const lum = ([r, g, b]) => {
        const f = (v) => { const x = v / 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const background = (node) => {
        for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
          const style = getComputedStyle(n);
          const c = parse(style.backgroundColor);
          if (c && c.a > 0.5) return c.rgb;
          // a gradient (the side menu): its first stop
          const g = parse(/gradient\(.*?(rgba?\([^)]*\))/.exec(style.backgroundImage)?.[1]);
          if (g && g.a > 0.5) return g.rgb;
        }
        return [255, 255, 255];
      };
      const name = `${el.tagName.toLowerCase()}${el.dataset?.test ? `[data-test=${el.dataset.test}]` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''}`;
      const cs = getComputedStyle(el);
      let colour = null;
      if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) colour = parse(cs.outlineColor);
      let behind = background(el.parentElement ?? el);
      if (!colour) {
        // Element Plus inputs and selects: the wrapper's inset ring (box-shadow 0 0 0 1px <colour> inset)
        const wrap = el.closest('.el-input__wrapper, .el-select__wrapper, .el-textarea, .el-input-number, .el-date-editor');
        const target = wrap?.classList.contains('el-textarea') ? el : wrap;
        const shadow = target ? getComputedStyle(target).boxShadow : cs.boxShadow;
        const m = /rgba?\([^)]*\)/.exec(shadow ?? '');
        if (m && shadow !== 'none') {
          colour = parse(m[0]);
          behind = background(target ?? el);
        }
      }
      const key = `${name}|${el.getBoundingClientRect().top}`;
      if (!colour || colour.a < 0.5) return { key, name, ratio: 0 };
      return { key, name, ratio: ratio(colour.rgb, behind) };
    });
    if (!stop || seen.has(stop.key)) continue;
    seen.add(stop.key);
    if (stop.ratio < 3) weak.push(`${stop.name} ${stop.ratio ? `${stop.ratio.toFixed(2)}:1` : 'no visible indicator'}`);
  }
  return weak;
}

function sha256Hex(text) {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** What the screens need and the demo data lacks when the flow runs alone: a plan, a hazard. Returns the ids. */
async function fixtures(base, h) {
  const { nodeApi, PASSWORD } = h;
  const token = async (username) => (await nodeApi(base, 'POST', '/api/v1/auth/login', { username, password: PASSWORD })).body?.token;
  const admin = await token('admin');
  const inspector = await token('inspector');
  const out = {};

  let plans = (await nodeApi(base, 'GET', '/api/v1/plans', null, admin)).body?.items ?? [];
  if (!plans.length) {
    const seed = randomBytes(32).toString('hex');
    const commitment = await nodeApi(base, 'POST', '/api/v1/plans/commitments', { year: 2026, commitment: sha256Hex(seed) }, admin);
    const compiled = await nodeApi(base, 'POST', '/api/v1/plans',
      { year: 2026, policy: 'jiefang', seed, commitment_id: commitment.body?.id }, admin);
    if (compiled.status >= 300) throw new Error(`compiling a plan for the scan: ${compiled.status} ${JSON.stringify(compiled.body)}`);
    plans = [compiled.body];
  }
  out.planId = plans[0].plan_id;

  const hazards = (await nodeApi(base, 'GET', '/api/v1/hazards?page_size=1', null, admin)).body;
  if (!hazards?.total) {
    const ent = await token('enterprise');
    const unitId = (await nodeApi(base, 'GET', '/api/v1/auth/me', null, ent)).body?.unit_id;
    await nodeApi(base, 'POST', '/api/v1/hazards',
      { unit_id: unitId, grade: 'general', description: '无障碍检查用隐患：消防通道堵塞', legal_basis: '《消防法》第二十八条' }, admin);
  }

  // a task the inspector may inspect, and a record when one has been signed (the inspections flow makes one)
  const tasks = (await nodeApi(base, 'GET', '/api/v1/tasks?page_size=100&mine=1', null, inspector)).body?.items ?? [];
  out.taskId = tasks.find((t) => t.status === 'scheduled')?.id;
  const all = (await nodeApi(base, 'GET', '/api/v1/tasks?page_size=200', null, admin)).body?.items ?? [];
  out.recordId = all.find((t) => t.record_id)?.record_id;
  return out;
}

export async function a11yFlow(base, h) {
  const { context, chromium, launchOptions, bin, dist, shotsDir, check, assert, log, loginAt, logout, watchConsole } = h;
  log('\n== Accessibility (axe-core, WCAG 2.1 A/AA) ==');
  const report = [];
  const totals = { screens: 0, failing: 0, rules: 0, elements: 0 };
  let fx = {};
  await check('a11y: fixtures for the scan (a plan, a hazard, a task, a record)', async () => {
    fx = await fixtures(base, h);
    log(`    plan ${fx.planId}, task ${fx.taskId ?? '—'}, record ${fx.recordId ?? '—'}`);
    assert(fx.planId && fx.taskId, 'no plan or no task to scan');
  });

  /** One check: the page as it is now, at this viewport. */
  const scan = async (page, screen, viewport) => {
    const label = `${screen} @ ${viewport}`;
    await check(`a11y: ${label}`, async () => {
      await settle(page);
      const violations = await axeViolations(page);
      const elements = violations.reduce((n, v) => n + v.nodes.length, 0);
      report.push({ screen, viewport, url: page.url(), violations });
      totals.screens += 1;
      totals.rules += violations.length;
      totals.elements += elements;
      if (violations.length) totals.failing += 1;
      assert(violations.length === 0, describeViolations(violations));
    }, page);
  };

  const screens = [
    { user: 'admin', path: '/', name: '工作台 dashboard', ready: '[data-test=dashboard]' },
    { user: 'admin', path: '/registry', name: '单位台账 registry', ready: '[data-test=registry]', focus: 60 },
    { user: 'admin', path: '/roster', name: '执法人员 roster', ready: '[data-test=roster]' },
    { user: 'admin', path: '/regions', name: '区划 regions', ready: '[data-test=region-tree] .el-tree-node' },
    { user: 'admin', path: '/imports', name: '导入导出 imports', ready: '[data-test=imports]' },
    { user: 'admin', path: '/plans', name: '年度计划 plans', ready: '[data-test=plans]' },
    { user: 'admin', path: '/plans/new', name: '编制计划 plan wizard', ready: '[data-test=plan-wizard]' },
    { user: 'admin', path: () => `/plans/${fx.planId}`, name: '计划 plan (月历)', ready: '[data-test=plan-calendar] [data-test=cal-day]', focus: 60 },
    { user: 'admin', path: () => `/plans/${fx.planId}?tab=items`, name: '计划 plan (明细)', ready: '[data-test=plan-items-table]' },
    { user: 'admin', path: '/hazards', name: '隐患治理 hazards', ready: '[data-test=hazards]' },
    { user: 'admin', path: '/hazards/major', name: '重大隐患 major-hazard board', ready: '[data-test=hazard-board]' },
    { user: 'admin', path: '/documents', name: '执法文书 documents', ready: '[data-test=documents]' },
    { user: 'admin', path: '/notices', name: '通知 notices', ready: '[data-test=notices]' },
    { user: 'admin', path: '/account', name: '我的账号 my account', ready: '[data-test=my-account]' },
    { user: 'admin', path: () => fx.recordId && `/records/${fx.recordId}`, name: '检查记录 record', ready: '[data-test=record]' },
    { user: 'inspector', path: '/tasks', name: '我的任务 tasks', ready: '[data-test=tasks]' },
    { user: 'inspector', path: () => `/tasks/${fx.taskId}/inspect`, name: '现场检查 inspection form', ready: '[data-test=inspection-form]', focus: 40 },
    { user: 'enterprise', path: '/portal', name: '企业首页 portal', ready: '[data-test=portal]' },
    { user: 'enterprise', path: '/self-inspections', name: '企业自查 self-inspections', ready: '[data-test=self-inspections]' },
    { user: 'enterprise', path: '/self-inspections/new', name: '新建自查 self-inspection form', ready: '[data-test=self-form]' },
    { user: 'security', path: '/accounts', name: '账号管理 accounts', ready: '[data-test=accounts-page]' },
    { user: 'auditor', path: '/audit', name: '审计日志 audit log', ready: '[data-test=audit-page]' },
  ];

  for (const vp of VIEWPORTS) {
    const page = await context.newPage();
    await page.setViewportSize({ width: vp.width, height: vp.height });
    watchConsole(page, `a11y-${vp.name}`);
    await page.goto(`${base}/login`);
    await context.clearCookies();
    await page.evaluate(() => localStorage.clear()).catch(() => {});
    await page.goto(`${base}/login`);
    await page.locator('[data-test=login-submit]').waitFor();
    await scan(page, '登录 login', vp.name);
    await check(`a11y: focus rings ≥ 3:1 on 登录 login @ ${vp.name}`, async () => {
      const weak = await weakFocusRings(page);
      assert(weak.length === 0, weak.join('; '));
    }, page);

    let user = null;
    for (const s of screens) {
      const path = typeof s.path === 'function' ? s.path() : s.path;
      if (!path) {
        await check(`a11y: ${s.name} @ ${vp.name}`, async () => {
          throw new Error('nothing to open (no signed record: run together with the inspections flow)');
        });
        continue;
      }
      if (user !== s.user) {
        if (user) await logout(page);
        await loginAt(page, base, s.user, path);
        user = s.user;
      } else {
        await page.goto(`${base}${path}`);
      }
      const opened = await page.locator(s.ready).first().waitFor({ timeout: 15_000 }).then(() => true, (e) => e);
      if (opened !== true) {
        await check(`a11y: ${s.name} @ ${vp.name}`, async () => { throw new Error(`${path} did not render ${s.ready}: ${opened.message.split('\n')[0]}`); }, page);
        continue;
      }
      await scan(page, s.name, vp.name);
      if (s.focus) {
        await check(`a11y: focus rings ≥ 3:1 on ${s.name} @ ${vp.name}`, async () => {
          const weak = await weakFocusRings(page, s.focus);
          assert(weak.length === 0, weak.join('; '));
        }, page);
      }
    }
    if (user) await logout(page);
    await page.close();
  }

  // 首次使用 (/setup) exists only while the database has no street: a second server on an empty one,
  // in a browser of its own (cookies are per host, not per port)
  const dir = mkdtempSync(join(tmpdir(), 'anjian-e2e-a11y-'));
  const { child, ready } = startEmptyServer(bin, dist, dir);
  let browser;
  try {
    const { base: emptyBase } = await ready;
    browser = await chromium.launch(launchOptions);
    for (const vp of VIEWPORTS) {
      const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: vp.width, height: vp.height } });
      const page = await ctx.newPage();
      watchConsole(page, `a11y-setup-${vp.name}`);
      await page.goto(`${emptyBase}/setup`);
      await page.locator('[data-test=setup-submit]').waitFor({ timeout: 15_000 });
      await scan(page, '首次使用 setup', vp.name);
      // the same form with every field's message shown
      await page.locator('[data-test=setup-submit]').click();
      await page.locator('.el-form-item__error').first().waitFor();
      await scan(page, '首次使用 setup (field errors)', vp.name);
      await page.goto(`${emptyBase}/login`);
      await page.locator('[data-test=login-setup-notice]').waitFor();
      await scan(page, '登录 login (not set up)', vp.name);
      await ctx.close();
    }
  } catch (err) {
    await check('a11y: 首次使用 setup', async () => { throw err; });
  } finally {
    await browser?.close().catch(() => {});
    stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  }

  writeFileSync(join(shotsDir, 'a11y-report.json'), `${JSON.stringify(report, null, 1)}\n`);
  log(`    axe: ${totals.screens} scans (screens × viewports), ${totals.failing} with violations, ` +
    `${totals.rules} rule violations on ${totals.elements} elements (report: ${join(shotsDir, 'a11y-report.json')})`);
}
