// End-to-end checks of the inspection loop (docs/inspections.md, issue #5),
// run by run.mjs after the hazard flow (or alone with E2E_ONLY=inspections):
// an inspector on a phone opens today's task, fills the checklist with one
// 不符合 and a photo, signs, survives an offline edit and a reload, submits
// with a double click (one record), gets the 责令限期整改指令书 and its PDF;
// the second team member (inspector2) signs on the same phone after entering
// their own password, or, on another task, in their own account (我的任务 → 签字);
// the enterprise account sees the order on its portal and submits the
// rectification with a photo; the inspector re-inspects, closes and archives
// the hazard; a major hazard's 销号 is refused naming the missing signatures;
// the record, the document list, self-inspections and notices.
//
// Endpoints are probed first: a check whose endpoints the server does not
// have yet fails with "waits for endpoint …" instead of a timeout.
import { deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

/** A small RGB PNG (a gradient), built here so the test needs no image file. */
export function makePng(width = 96, height = 64) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0;
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = (x * 255) / width;
      raw[row + 2 + x * 3] = (y * 255) / height;
      raw[row + 3 + x * 3] = 160;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Beijing calendar date, offset by `days`. */
function beijingDate(days = 0) {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The flow creates "today's" task and signs its record minutes later; the server rightly refuses
 * a record that starts the day before its task. A run that would cross Beijing midnight in the
 * middle waits for the new day first (at most 15 minutes, only then). */
async function awayFromBeijingMidnight() {
  const msIntoDay = (Date.now() + 8 * 3_600_000) % 86_400_000;
  const margin = 15 * 60_000;
  if (msIntoDay > 86_400_000 - margin) {
    const wait = 86_400_000 - msIntoDay + 5_000;
    console.log(`    waiting ${Math.ceil(wait / 1000)} s for Beijing midnight to pass`);
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** Draws a signature-like zigzag on the canvas of a signature pad. */
async function signPad(page, pad) {
  const canvas = pad.locator('[data-test=signature-canvas]');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('signature canvas not visible');
  const y0 = box.y + box.height / 2;
  await page.mouse.move(box.x + 20, y0);
  await page.mouse.down();
  for (let i = 1; i <= 14; i++) {
    await page.mouse.move(box.x + 20 + i * ((box.width - 40) / 14), y0 + (i % 2 ? -30 : 30), { steps: 3 });
  }
  await page.mouse.up();
  await pad.locator('[data-test=signature-pad][data-signed="1"]').first().waitFor();
}

/** A check that cannot run yet: the server lacks an endpoint it needs. Counted as skipped, not failed. */
export class PendingEndpoint extends Error {
  constructor(message) {
    super(message);
    this.skip = true;
  }
}

export const ENDPOINTS = {
  checklists: ['GET', '/api/v1/checklists'],
  tasks: ['GET', '/api/v1/tasks?page_size=1'],
  createTask: ['POST', '/api/v1/tasks'],
  uploads: ['POST', '/api/v1/uploads'],
  records: ['POST', '/api/v1/tasks/0/records'],
  record: ['GET', '/api/v1/records/0'],
  documents: ['GET', '/api/v1/documents?page_size=1'],
  pdf: ['GET', '/api/v1/documents/0/pdf'],
  reminders: ['GET', '/api/v1/reminders'],
  selfInspections: ['GET', '/api/v1/self-inspections'],
  notices: ['GET', '/api/v1/notices'],
  signatures: ['GET', '/api/v1/tasks/0/signatures'],
};

const endpointName = ([method, path]) => `${method} ${path.replace(/\?.*$/, '').replace('/0', '/{id}')}`;

/**
 * The issue-#5 endpoints the server does not have yet ("METHOD /path/{id}"): the router answers
 * a route it lacks with 404 "接口不存在 (no such route)", a known route's 404 names the object.
 */
export async function probeEndpoints(context, base, password) {
  // From Node with a bearer token, not in the browser: a login there would set the session cookie
  // of the browser profile that the flows then sign in to through the UI.
  void context;
  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }),
  });
  const token = (await login.json()).token;
  const missing = new Set();
  for (const [method, path] of Object.values(ENDPOINTS)) {
    const res = await fetch(`${base}${path}`, {
      method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined,
    });
    const text = (await res.text()).slice(0, 200);
    if ((res.status === 404 && /no such route/.test(text)) || res.status === 501) missing.add(endpointName([method, path]));
  }
  await fetch(`${base}/api/v1/auth/logout`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(() => {});
  return missing;
}

/** Whether a request URL is one of the missing endpoints (its 404 is expected until the server has it). */
export function isPendingUrl(missing, url) {
  let path;
  try {
    path = new URL(url).pathname;
  } catch {
    return false;
  }
  for (const e of missing) {
    const re = new RegExp(`^${e.split(' ')[1].replace(/\{id\}/g, '[^/]+')}$`);
    if (re.test(path)) return true;
  }
  return false;
}

export async function inspectionFlow(base, h) {
  const { context, check, assert, shot, log, loginAt, logout, apiCall, watchConsole, noHorizontalScroll, PASSWORD, missing } = h;
  log('\n== Inspections (检查实施), documents and the enterprise side ==');
  const st = { marker: `e2e检查${Date.now().toString(36)}` };

  const probe = await context.newPage();
  await probe.goto(`${base}/login`);
  const login = async (u) => (await apiCall(probe, base, 'POST', '/api/v1/auth/login', { username: u, password: PASSWORD })).body?.token;
  const tokens = {
    admin: await login('admin'), inspector: await login('inspector'), inspector2: await login('inspector2'), enterprise: await login('enterprise'),
    leader: await login('leader'),
  };
  if (missing.size) log(`    endpoints not there yet (their checks are skipped): ${[...missing].join(', ')}`);
  // the enterprise account's unit: the inspected unit of the whole flow
  const ent = await apiCall(probe, base, 'GET', '/api/v1/auth/me', null, tokens.enterprise);
  st.unitId = ent.body?.unit_id ?? undefined;
  if (st.unitId) st.unitName = (await apiCall(probe, base, 'GET', `/api/v1/units/${st.unitId}`, null, tokens.admin)).body?.name;
  await probe.close();
  if (missing.size) log(`    endpoints not there yet: ${[...missing].join(', ')}`);
  /** Skips a check whose endpoints the server lacks. */
  const needs = (...names) => {
    const gone = names.map((n) => ENDPOINTS[n]).filter(Boolean).map(endpointName).filter((e) => missing.has(e));
    if (!gone.length) return;
    pendingBefore.add(gone.join(', '));
    throw new PendingEndpoint(`waits for endpoint ${gone.join(', ')}`);
  };
  const pendingBefore = new Set();
  /**
   * Stops at once when an earlier check did not produce what this one builds on: skipped when
   * that check waits for an endpoint, failed when it failed (the failure is counted there too).
   */
  const after = (...keys) => {
    const gone = keys.filter((k) => st[k] === undefined);
    if (!gone.length) return;
    const msg = `an earlier check did not produce ${gone.join(', ')}`;
    if (pendingBefore.size) throw new PendingEndpoint(`${msg} (waits for endpoint)`);
    throw new Error(msg);
  };

  // ---------- setup through the API: today's task for the inspector ----------
  await awayFromBeijingMidnight();
  let page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  watchConsole(page, 'inspection-phone');
  await page.goto(`${base}/login`);
  await context.clearCookies();
  await page.evaluate(() => localStorage.clear());

  await check('inspection: a task for today with the inspector in its team (API setup)', async () => {
    needs('createTask', 'tasks');
    const me = await apiCall(page, base, 'GET', '/api/v1/auth/me', null, tokens.inspector);
    assert(st.unitId, 'the enterprise account has no unit');
    const today = beijingDate();
    const roster = (await apiCall(page, base, 'GET', '/api/v1/inspectors?page_size=200', null, tokens.admin)).body.items;
    const capable = roster.filter((i) => i.certificate_no && i.certificate_valid_until >= today
      && !['grid_member', 'community_safety_officer'].includes(i.role) && i.active !== false);
    const mine = me.body.inspector_id ?? capable.find((i) => i.name === me.body.display_name)?.id;
    assert(mine, `the inspector account is not linked to a roster person: ${JSON.stringify(me.body)}`);
    // the second member has an account of their own (inspector2): they sign with it
    assert(tokens.inspector2, 'the demo account inspector2 cannot log in');
    const second = await apiCall(page, base, 'GET', '/api/v1/auth/me', null, tokens.inspector2);
    const partner = second.body?.inspector_id;
    assert(partner && partner !== mine, `inspector2 is not linked to a second roster person: ${JSON.stringify(second.body)}`);
    const r = await apiCall(page, base, 'POST', '/api/v1/tasks',
      { kind: 'special', unit_id: st.unitId, scheduled_on: today, half_day: 'am', team: [mine, partner], checklist_id: 'general', note: st.marker },
      tokens.admin);
    assert(r.status === 201, `create task ${r.status} ${JSON.stringify(r.body)}`);
    st.task = r.body;
    st.mine = mine;
    st.partner = partner;
    log(`    task #${st.task.id} for ${st.unitName}, team ${st.task.team.map((m) => m.name).join('、')}`);
  }, page);

  await check('inspection (phone): 我的任务 shows today’s task as a card', async () => {
    after('task');
    needs('tasks');
    await loginAt(page, base, 'inspector', '/tasks');
    const card = page.locator(`[data-test=task-card][data-id="${st.task.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    const text = await card.innerText();
    for (const s of [st.unitName, '专项检查', '上午']) assert(text.includes(s), `card lacks ${s}: ${text}`);
    assert(await page.locator('[data-test=task-table]').count() === 0, 'table shown on a phone');
    await noHorizontalScroll(page, 'task list');
    await shot(page, 'insp-01-phone-tasks');
  }, page);

  await check('inspection (phone): basics and the checklist with one 不符合, its note and a photo', async () => {
    after('task');
    needs('tasks', 'checklists', 'uploads');
    await page.locator(`[data-test=task-card][data-id="${st.task.id}"] [data-test=task-open]`).click();
    await page.waitForURL(new RegExp(`/tasks/${st.task.id}/inspect`));
    await page.locator('[data-test=inspect-unit]', { hasText: st.unitName }).waitFor({ timeout: 15_000 });
    await page.locator('input[data-test=place]').fill('生产车间、仓库');
    await page.locator('input[data-test=person-name]').fill('王建国');
    await page.locator('input[data-test=person-post]').fill('安全主管');
    const start = await page.locator('input[data-test=started-at]').inputValue();
    assert(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(start), `start time ${start}`);
    // The server refuses an end time in the future and a start before the task's day: start up to
    // 80 minutes ago (never before midnight) and end now.
    const minutes = Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16));
    const back = Math.max(1, Math.min(80, minutes - 1));
    await page.locator('input[data-test=started-at]').fill(new Date(Date.parse(`${start}:00Z`) - back * 60_000).toISOString().slice(0, 16));
    await page.locator('[data-test=ended-now]').click();
    await noHorizontalScroll(page, 'form basics');
    await shot(page, 'insp-02-phone-basics');
    await page.locator('[data-test=step-next]').click();
    const items = page.locator('[data-test=checklist-item]');
    await items.first().waitFor();
    st.itemCount = await items.count();
    assert(st.itemCount >= 10, `${st.itemCount} checklist items`);
    const bad = items.nth(8); // C9: warning signs
    st.badCode = await bad.getAttribute('data-code');
    await bad.locator('[data-test=result-nonconform]').click();
    await bad.locator('textarea[data-test=item-note]').fill(`${st.marker} 配电箱无安全警示标志`);
    await bad.locator('[data-test=photo-input]').setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: makePng() });
    await bad.locator('[data-test=photo-thumb]').waitFor();
    const btn = await bad.locator('[data-test=result-conform]').boundingBox();
    assert(btn && btn.height >= 44, `segmented button ${JSON.stringify(btn)} is too small to tap`);
    await page.locator('[data-test=rest-conform]').click();
    await page.locator('[data-test=answered]', { hasText: `${st.itemCount}/${st.itemCount}` }).waitFor();
    // the photo goes up in the background while the form is filled
    await bad.locator('[data-test=photo-thumb][data-status=done]').waitFor({ timeout: 15_000 });
    await noHorizontalScroll(page, 'checklist');
    await shot(page, 'insp-03-phone-checklist');
  }, page);

  await check('inspection: the draft survives going offline and a page reload', async () => {
    after('badCode');
    needs('tasks', 'checklists');
    await page.locator('[data-test=step-basics]').click();
    await context.setOffline(true);
    await page.locator('[data-test=offline-banner]').waitFor();
    await page.locator('input[data-test=place]').fill('生产车间、仓库、配电室');
    await page.locator('[data-test=save-state][data-state=saved]').waitFor();
    await shot(page, 'insp-04-offline');
    await context.setOffline(false);
    await page.waitForTimeout(300);
    await page.reload();
    await page.locator('[data-test=draft-restored]').waitFor({ timeout: 15_000 });
    const place = await page.locator('input[data-test=place]').inputValue();
    assert(place === '生产车间、仓库、配电室', `place after reload: ${place}`);
    await page.locator('[data-test=step-checklist]').click();
    const bad = page.locator(`[data-test=checklist-item][data-code="${st.badCode}"]`);
    assert(await bad.getAttribute('data-result') === 'nonconform', 'the 不符合 answer was lost');
    assert((await bad.locator('textarea[data-test=item-note]').inputValue()).includes(st.marker), 'the note was lost');
    assert(await bad.locator('[data-test=photo-thumb]').count() === 1, 'the photo was lost');
    await page.locator('[data-test=answered]', { hasText: `${st.itemCount}/${st.itemCount}` }).waitFor();
  }, page);

  await check('inspection: 问题与处理 is prefilled from the item (legal basis, 限期整改 with a deadline)', async () => {
    after('badCode');
    needs('tasks', 'checklists');
    await page.locator('[data-test=step-next]').click();
    const finding = page.locator(`[data-test=finding][data-item="${st.badCode}"]`);
    await finding.waitFor();
    const basis = await finding.locator('input[data-test=finding-basis]').inputValue();
    assert(basis.length > 0, 'no legal basis prefilled');
    assert(await finding.locator('[data-test=finding-measure-rectify][aria-pressed=true]').count() === 1, 'measure is not 限期整改');
    await finding.locator('[data-test=finding-deadline]').fill(beijingDate(10));
    st.deadline = beijingDate(10);
    await noHorizontalScroll(page, 'findings');
    await shot(page, 'insp-05-phone-findings');
  }, page);

  await check('inspection: the inspector signs on the pad, the second member verifies their password and signs on the same phone', async () => {
    after('badCode', 'partner');
    needs('tasks', 'checklists', 'signatures');
    await page.locator('[data-test=step-next]').click();
    const rows = page.locator('[data-test=sig-inspector]');
    await rows.first().waitFor();
    assert(await rows.count() === st.task.team.length, `${await rows.count()} inspector rows for ${st.task.team.length} members`);
    const own = page.locator(`[data-test=sig-inspector][data-inspector="${st.mine}"][data-own="1"]`);
    assert(await own.count() === 1, 'the submitter has no pad of their own');
    await signPad(page, own);
    const other = page.locator(`[data-test=sig-inspector][data-inspector="${st.partner}"]`);
    assert(await other.getAttribute('data-signed') === '0', 'the second member shows as signed before signing');
    assert(await other.locator('[data-test=signature-canvas]').count() === 0, 'the submitter’s form has a pad for another member');
    await page.locator('[data-test=step-next]').click();
    const problem = page.locator('[data-test=problem][data-key=inspectorAttestation]');
    await problem.waitFor();
    assert((await problem.innerText()).includes('须由该执法人员本人签字'), `problem text: ${await problem.innerText()}`);
    await page.locator('[data-test=step-signatures]').click();

    await other.locator('[data-test=sig-member-device]').click();
    const dialog = page.locator(`[data-test=member-sign][data-inspector="${st.partner}"]`);
    await dialog.waitFor();
    await signPad(page, dialog);
    // a wrong password: refused at the field, the input emptied
    const password = dialog.locator('input[data-test=member-password]');
    await password.fill('not-the-password-1');
    await dialog.locator('[data-test=member-sign-submit]').click();
    await dialog.locator('[data-test=member-password-error]').waitFor();
    assert(await password.inputValue() === '', 'the wrong password was left in the input');
    await shot(page, 'insp-06a-phone-reauth', { overlay: true });
    await password.fill(PASSWORD);
    await dialog.locator('[data-test=member-sign-submit]').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.locator(`[data-test=sig-inspector][data-inspector="${st.partner}"][data-signed="1"]`).waitFor();
    const status = await other.locator('[data-test=sig-member-status]').innerText();
    assert(status.includes('inspector2') && status.includes('密码'), `second member status: ${status}`);
    await page.locator('[data-test=save-state][data-state=saved]').waitFor();
    // the password is nowhere on the device: not in the draft, not in any storage
    const kept = await page.evaluate(async () => {
      const out = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
      if (!(await indexedDB.databases()).some((d) => d.name === 'anjian')) return out.join('\n');
      const db = await new Promise((res, rej) => { const r = indexedDB.open('anjian'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      if (db.objectStoreNames.contains('drafts')) {
        out.push(...(await new Promise((res, rej) => {
          const r = db.transaction('drafts').objectStore('drafts').getAll();
          r.onsuccess = () => res(r.result.map(String));
          r.onerror = () => rej(r.error);
        })));
      }
      db.close();
      return out.join('\n');
    });
    assert(kept.includes('"attestations"'), 'the draft does not hold the attestation');
    assert(!kept.includes(PASSWORD) && !kept.includes('not-the-password-1'), 'a password is stored on the device');
    await signPad(page, page.locator('[data-test=sig-on-site]'));
    await noHorizontalScroll(page, 'signatures');
    await shot(page, 'insp-06-phone-signatures');
  }, page);

  await check('inspection: a double click on 提交 creates one record; the 责令限期整改指令书 is shown', async () => {
    after('badCode');
    needs('tasks', 'records');
    await page.locator('[data-test=step-next]').click();
    await page.locator('[data-test=no-problems]').waitFor();
    await shot(page, 'insp-07-phone-submit');
    await page.locator('[data-test=submit]').dblclick();
    await page.locator('[data-test=submit-done]').waitFor({ timeout: 30_000 });
    const order = page.locator('[data-test=document-link][data-type=rectification_order]');
    await order.waitFor();
    assert((await order.innerText()).includes('责令限期整改指令书'), 'order label');
    assert(await page.locator('[data-test=document-link][data-type=inspection_record]').count() === 1, 'no 现场检查记录');
    const task = await apiCall(page, base, 'GET', `/api/v1/tasks/${st.task.id}`, null, tokens.admin);
    assert(task.body.status === 'completed', `task status ${task.body.status}`);
    assert((task.body.records ?? []).length === 1, `${(task.body.records ?? []).length} records for one double click`);
    st.recordId = task.body.record_id ?? task.body.records[0].id;
    const hz = await page.locator('[data-test=created-hazard]').first().getAttribute('href');
    st.hazardId = Number(new URL(hz, base).searchParams.get('id'));
    st.orderId = Number(await order.getAttribute('data-id'));
    assert(st.hazardId > 0, 'no hazard link');
    await shot(page, 'insp-08-phone-done');
    log(`    record #${st.recordId}, hazard #${st.hazardId}, order document #${st.orderId}`);
  }, page);

  await check('inspection: the order PDF downloads and starts with %PDF', async () => {
    after('orderId');
    needs('pdf');
    const order = page.locator('[data-test=document-link][data-type=rectification_order]');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), order.locator('[data-test=document-download]').click()]);
    const path = await download.path();
    const head = readFileSync(path).subarray(0, 5).toString('latin1');
    assert(head === '%PDF-', `download starts with ${JSON.stringify(head)}`);
    log(`    ${download.suggestedFilename()}`);
  }, page);

  await check('inspection: the task is no longer open and the draft is gone from the device', async () => {
    after('recordId');
    needs('tasks');
    await page.goto(`${base}/tasks/${st.task.id}/inspect`);
    await page.locator('[data-test=task-closed]').waitFor({ timeout: 15_000 });
    assert(await page.locator('[data-test=draft-restored]').count() === 0, 'a draft is still restored');
  }, page);

  await check('records: the record page shows every result, the photo and the signatures', async () => {
    after('recordId');
    needs('record');
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${base}/records/${st.recordId}`);
    await page.locator('[data-test=record-results]').waitFor({ timeout: 15_000 });
    const n = await page.locator('[data-test=record-result]').count();
    assert(n === st.itemCount, `${n} results shown, ${st.itemCount} answered`);
    assert(await page.locator('[data-test=record-result][data-result=nonconform]').count() === 1, 'not one 不符合');
    await page.locator('[data-test=record-results] [data-test=auth-image][data-loaded="1"]').first().waitFor({ timeout: 10_000 });
    await page.locator('[data-test=record-documents] [data-test=document-link]').first().waitFor();
    // each officer's signature names the account that made it
    const partnerAuth = page.locator(`[data-test=record-inspector-signature][data-inspector="${st.partner}"] [data-test=record-signature-auth]`);
    await partnerAuth.waitFor();
    const text = await partnerAuth.innerText();
    assert(text.includes('inspector2') && text.includes('密码'), `second member's signature: ${text}`);
    const ownAuth = await page.locator(`[data-test=record-inspector-signature][data-inspector="${st.mine}"] [data-test=record-signature-auth]`).innerText();
    assert(ownAuth.includes('inspector'), `submitter's signature: ${ownAuth}`);
    const sigs = page.locator('[data-test=record-signatures] [data-test=auth-image]');
    await page.locator('[data-test=record-signatures] [data-test=auth-image][data-loaded="1"]').nth(2).waitFor({ timeout: 10_000 });
    assert(await sigs.count() === 3, `${await sigs.count()} signature images for two officers and the on-site person`);
    const names = await page.locator('[data-test=record-inspector-signature] figcaption').allInnerTexts();
    assert(names.every((n) => !/#\d+/.test(n)), `officers named by id: ${names.join(' | ')}`);
    await shot(page, 'insp-09-record');
  }, page);

  await check('documents: the list filtered by 责令限期整改指令书 has the order', async () => {
    after('orderId');
    needs('documents');
    await page.goto(`${base}/documents?type=rectification_order`);
    await page.locator(`[data-test=doc-table] [data-test=document-link][data-id="${st.orderId}"]`).waitFor({ timeout: 15_000 });
    await shot(page, 'insp-10-documents');
  }, page);

  await check('tasks: 新建任务 creates an ad hoc task with a unit search and a two-person team', async () => {
    needs('createTask', 'checklists');
    after('unitName');
    await page.goto(`${base}/tasks`);
    await page.locator('[data-test=task-create-open]').click();
    const dialog = page.locator('[data-test=task-create]');
    await dialog.waitFor();
    await dialog.locator('[data-test=tc-unit]').click();
    await page.keyboard.type(st.unitName);
    const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: st.unitName }).first();
    await option.waitFor();
    await option.click();
    await dialog.locator('[data-test=tc-team]').click();
    const officers = page.locator('.tc-team-popper .el-select-dropdown__item:not(.is-disabled)');
    await officers.nth(1).waitFor();
    await officers.nth(0).click();
    await officers.nth(1).click();
    await dialog.locator('.el-dialog__title').click();
    await shot(page, 'insp-10b-task-create', { overlay: true });
    await dialog.locator('[data-test=tc-submit]').click();
    await page.waitForURL(/\/tasks\/\d+\/inspect/, { timeout: 10_000 });
    await page.locator('[data-test=inspect-unit]', { hasText: st.unitName }).waitFor();
  }, page);
  await logout(page);
  await page.close();

  // ---------- the second member signs in their own account ----------
  page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  watchConsole(page, 'own-session-sign');
  await check('inspection (phone): inspector2 signs another task in their own account (我的任务 → 签字)', async () => {
    after('partner', 'unitId');
    needs('createTask', 'tasks', 'signatures');
    const r = await apiCall(page, base, 'POST', '/api/v1/tasks',
      { kind: 'special', unit_id: st.unitId, scheduled_on: beijingDate(), half_day: 'pm', team: [st.mine, st.partner], checklist_id: 'general', note: `${st.marker} 本人签字` },
      tokens.admin);
    assert(r.status === 201, `create task ${r.status} ${JSON.stringify(r.body)}`);
    const taskId = r.body.id;
    await loginAt(page, base, 'inspector2', '/tasks');
    const card = page.locator(`[data-test=task-card][data-id="${taskId}"]`);
    await card.waitFor({ timeout: 15_000 });
    await card.locator('[data-test=task-sign]').click();
    const dialog = page.locator('[data-test=member-sign][data-mode=session]');
    await dialog.waitFor();
    assert(await dialog.locator('input[data-test=member-password]').count() === 0, 'a password asked in one’s own session');
    await signPad(page, dialog);
    await shot(page, 'insp-10c-own-session-sign', { overlay: true });
    await dialog.locator('[data-test=member-sign-submit]').click();
    await card.locator('[data-test=task-signed]').waitFor({ timeout: 10_000 });
    const list = await apiCall(page, base, 'GET', `/api/v1/tasks/${taskId}/signatures`, null, tokens.inspector);
    const a = list.body?.items?.[0];
    assert(a?.method === 'session' && a.inspector_id === st.partner && a.usable, `attestation ${JSON.stringify(a)}`);
    st.ownTask = taskId;
  }, page);
  await logout(page);

  await check('inspection (phone): the submitter sees that member as signed, picked up from the server', async () => {
    after('ownTask');
    needs('tasks', 'checklists', 'signatures');
    await loginAt(page, base, 'inspector', `/tasks/${st.ownTask}/inspect`);
    await page.locator('[data-test=inspect-unit]').waitFor({ timeout: 15_000 });
    await page.locator('[data-test=step-signatures]').click();
    const row = page.locator(`[data-test=sig-inspector][data-inspector="${st.partner}"][data-signed="1"]`);
    await row.waitFor({ timeout: 15_000 });
    const status = await row.locator('[data-test=sig-member-status]').innerText();
    assert(status.includes('本人账号') && status.includes('inspector2'), `second member status: ${status}`);
    await page.locator('[data-test=refresh-signatures]').click();
    await row.waitFor();
    await shot(page, 'insp-10d-picked-up');
  }, page);
  await logout(page);
  await page.close();

  // ---------- enterprise on a phone ----------
  page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  watchConsole(page, 'enterprise-phone');
  await check('enterprise (phone): the portal lists the order and the hazard with its countdown', async () => {
    after('hazardId', 'orderId');
    needs('documents');
    await loginAt(page, base, 'enterprise', '/portal');
    const card = page.locator(`[data-test=portal-hazard][data-id="${st.hazardId}"]`);
    await card.waitFor({ timeout: 15_000 });
    assert((await card.innerText()).includes(st.marker), 'hazard text');
    const countdown = (await card.locator('[data-test=portal-countdown]').innerText()).trim();
    assert(/剩 \d+ 天|今日到期/.test(countdown), `countdown ${countdown}`);
    await page.locator(`[data-test=portal-orders] [data-test=document-link][data-id="${st.orderId}"]`).waitFor();
    await noHorizontalScroll(page, 'portal');
    await shot(page, 'insp-11-portal');
  }, page);

  await check('enterprise (phone): 提交整改 with a photo', async () => {
    after('hazardId');
    needs('uploads');
    await page.locator(`[data-test=portal-hazard][data-id="${st.hazardId}"] [data-test=portal-submit]`).click();
    await page.locator('[data-test=hazard-drawer] [data-test=state-tag][data-state=rectifying]').first().waitFor();
    await page.locator('[data-test=hz-action-submit_rectification]').click();
    const dialog = page.locator('[data-test=hazard-action-dialog][data-action=submit_rectification]');
    await dialog.waitFor();
    await dialog.locator('[data-test=photo-input]').setInputFiles({ name: 'after.png', mimeType: 'image/png', buffer: makePng(120, 80) });
    await dialog.locator('[data-test=photo-thumb]').waitFor();
    await dialog.locator('textarea[data-test=action-note]').fill('已张贴安全警示标志');
    await shot(page, 'insp-12-evidence', { overlay: true });
    await dialog.locator('[data-test=action-submit]').click();
    await page.locator('[data-test=hazard-drawer] .drawer-head [data-test=state-tag][data-state=submitted]').waitFor({ timeout: 15_000 });
    const hz = await apiCall(page, base, 'GET', `/api/v1/hazards/${st.hazardId}`, null, tokens.admin);
    const entry = hz.body.timeline.find((e) => e.action === 'submit_rectification');
    assert(entry?.evidence?.length === 1, `evidence on the timeline: ${JSON.stringify(entry)}`);
  }, page);
  await logout(page);
  await page.close();

  // ---------- inspector re-inspects on a desktop ----------
  page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  watchConsole(page, 'reinspection');
  await check('hazards: the inspector sees the evidence photo, passes the re-inspection, closes and archives', async () => {
    after('hazardId');
    await loginAt(page, base, 'inspector', `/hazards?id=${st.hazardId}`);
    const drawer = page.locator('[data-test=hazard-drawer]');
    await drawer.locator('.drawer-head [data-test=state-tag][data-state=submitted]').waitFor({ timeout: 15_000 });
    await drawer.locator('[data-test=timeline-evidence] [data-test=auth-image][data-loaded="1"]').first().waitFor({ timeout: 10_000 });
    for (const [action, state] of [['review_pass', 'review_passed'], ['close', 'closed'], ['archive', 'archived']]) {
      await drawer.locator(`[data-test=hz-action-${action}]`).click();
      const dialog = page.locator(`[data-test=hazard-action-dialog][data-action=${action}]`);
      await dialog.waitFor();
      await dialog.locator('[data-test=action-submit]').click();
      await drawer.locator(`.drawer-head [data-test=state-tag][data-state=${state}]`).waitFor({ timeout: 10_000 });
    }
    await shot(page, 'insp-13-archived', { overlay: true });
    const docs = await apiCall(page, base, 'GET', `/api/v1/documents?hazard_id=${st.hazardId}&type=reinspection_opinion`, null, tokens.admin);
    if (docs.status === 200) assert(docs.body.items.length >= 1, 'no 整改复查意见书 for the passed re-inspection');
  }, page);

  await logout(page);
  await check('hazards: the major-hazard board lists the missing signatures and 销号 is refused naming them', async () => {
    after('unitId');
    await loginAt(page, base, 'admin', '/hazards/major');
    const reg = await apiCall(page, base, 'POST', '/api/v1/hazards',
      { unit_id: st.unitId, grade: 'major', description: `${st.marker} 粉尘除尘系统未设置泄爆装置`, legal_basis: '《工贸企业重大事故隐患判定标准》第十三条' }, tokens.admin);
    assert(reg.status === 201, `register ${reg.status}`);
    let hz = reg.body;
    for (const step of [{ action: 'issue_order', deadline: beijingDate(20) }, { action: 'submit_rectification' }, { action: 'review_pass' },
      { action: 'list_supervision', supervision_level: '区级', supervising_leader: '张建国' }]) {
      const r = await apiCall(page, base, 'POST', `/api/v1/hazards/${hz.id}/transitions`, { ...step, version: hz.version }, tokens.admin);
      assert(r.status === 200, `${step.action}: ${r.status} ${JSON.stringify(r.body)}`);
      hz = r.body;
    }
    await page.goto(`${base}/hazards/major`);
    const card = page.locator(`[data-test=board-column][data-state=review_passed] [data-test=board-card][data-id="${hz.id}"]`);
    await card.waitFor({ timeout: 15_000 });
    const missingText = await card.locator('[data-test=board-missing]').innerText();
    for (const s of ['上报上级', '企业主要负责人签字', '监管部门复核人签字', '监管部门负责人签字', '验收合格']) {
      assert(missingText.includes(s), `board card lacks ${s}: ${missingText}`);
    }
    assert((await card.innerText()).includes('区级'), 'supervision level not on the card');
    await shot(page, 'insp-14-major-board');
    await card.click();
    const drawer = page.locator('[data-test=hazard-drawer]');
    await drawer.locator('[data-test=hz-action-close]').click();
    await page.locator('[data-test=hazard-action-dialog][data-action=close] [data-test=action-submit]').click();
    const alert = drawer.locator('[data-test=action-error]');
    await alert.waitFor();
    const text = await alert.innerText();
    for (const s of ['企业主要负责人签字', '监管部门复核人签字', '监管部门负责人签字']) assert(text.includes(s), `422 lacks ${s}: ${text}`);
    log(`    ${text.trim().replace(/\s+/g, ' ')}`);
  }, page);

  await check('hazards: the reminders badge opens the overdue / due-soon panel', async () => {
    needs('reminders');
    await page.goto(`${base}/hazards`);
    const badge = page.locator('[data-test=reminders]');
    await badge.waitFor({ timeout: 15_000 });
    await badge.click();
    await page.locator('[data-test=reminder-panel]').waitFor();
    await shot(page, 'insp-15-reminders', { overlay: true });
  }, page);
  await logout(page);
  await page.close();

  // ---------- enterprise self-inspection and notices ----------
  page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 900 });
  watchConsole(page, 'notices');
  await check('notices: admin publishes a 公开信', async () => {
    needs('notices');
    await loginAt(page, base, 'admin', '/notices');
    await page.locator('[data-test=notice-publish-open]').click();
    await page.locator('input[data-test=notice-title]').fill(`${st.marker} 致辖区企业的一封信`);
    await page.locator('textarea[data-test=notice-text]').fill('请各企业落实安全生产主体责任，开展隐患自查自改。');
    await page.locator('[data-test=notice-publish-submit]').click();
    await page.locator('[data-test=notice]', { hasText: st.marker }).waitFor({ timeout: 10_000 });
    st.noticeTitle = `${st.marker} 致辖区企业的一封信`;
  }, page);
  await logout(page);
  await page.close();

  page = await context.newPage();
  await page.setViewportSize({ width: 390, height: 844 });
  watchConsole(page, 'enterprise-2');
  await check('enterprise (phone): signs the 公开信 receipt with a signature', async () => {
    after('noticeTitle');
    needs('notices');
    await loginAt(page, base, 'enterprise', '/notices');
    const notice = page.locator('[data-test=notice]', { hasText: st.marker });
    await notice.waitFor({ timeout: 15_000 });
    await notice.locator('[data-test=notice-sign-open]').click();
    const dialog = page.locator('[data-test=notice-sign]');
    await dialog.waitFor();
    await signPad(page, dialog);
    await dialog.locator('[data-test=notice-sign-submit]').click();
    await notice.locator('[data-test=notice-state]', { hasText: '已签收' }).waitFor({ timeout: 10_000 });
  }, page);

  await check('enterprise (phone): a periodic self-inspection with the principal’s signature', async () => {
    needs('selfInspections', 'checklists');
    await page.goto(`${base}/self-inspections/new`);
    await page.locator('[data-test=self-kind-periodic]').click();
    const items = page.locator('[data-test=checklist-item]');
    await items.first().waitFor({ timeout: 15_000 });
    await items.nth(1).locator('[data-test=result-nonconform]').click();
    await items.nth(1).locator('textarea[data-test=item-note]').fill('培训档案不全');
    await page.locator('[data-test=self-rest]').click();
    await page.locator('textarea[data-test=self-note]').fill('已补齐培训档案');
    await page.locator('input[data-test=self-principal]').fill('王建国');
    await signPad(page, page.locator('[data-test=self-form]'));
    await page.locator('[data-test=self-submit]').click();
    await page.waitForURL(/\/self-inspections$/, { timeout: 10_000 });
    await page.locator('[data-test=self-item]').first().waitFor();
    await shot(page, 'insp-16-self-inspections');
  }, page);
  await logout(page);
  await page.close();
}
