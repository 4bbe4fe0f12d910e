// Builders shared by the inspection tests: a task, a checklist and a filled draft.
import type { Checklist, Task } from '../../src/api/inspections';
import { createDraft, syncFindings, type InspectionDraft } from '../../src/lib/inspection';

/** The submitting account's inspector id (张三): the one member who signs with a PNG. */
export const ME = 3;

export const PNG = `data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='}`;

export function makeTask(over: Partial<Task> = {}): Task {
  return {
    id: 7, kind: 'planned', kind_label: '计划检查', status: 'scheduled', status_label: '待检查',
    unit_id: 12, unit_name: '东风机械厂', unit_address: '解放路1号', region_path: '/1/2/',
    scheduled_on: '2026-11-23', half_day: 'am',
    team: [
      { inspector_id: 3, name: '张三', certificate_no: 'A001', certificate_valid: true },
      { inspector_id: 4, name: '李四', certificate_no: 'A002', certificate_valid: true },
    ],
    checklist_id: 'general', checklist_version: 1, plan_id: 4, plan_item_seq: 17, hazard_id: null, note: '',
    record_id: null, version: 1, ...over,
  };
}

export function makeChecklist(n = 3): Checklist {
  return {
    id: 'general', version: 1, title: '通用检查表', industry: '',
    items: Array.from({ length: n }, (_, i) => ({
      code: `C${i + 1}`, text: `检查项${i + 1}`, legal_basis: `《安全生产法》第${i + 20}条`, mandatory: true,
    })),
  };
}

/** A draft that passes validation for ME: C2 nonconforming with a photo (uploaded), everything signed (李四 by an attestation). */
export function filledDraft(now = new Date('2026-11-23T01:00:00Z')): InspectionDraft {
  const d = createDraft(makeTask(), makeChecklist(), now, 'key-0001-abcdef');
  d.basics.ended_at = '2026-11-23T10:20';
  d.basics.place = '生产车间';
  d.basics.on_site_person = { name: '王五', post: '安全主管', phone: '13800000000' };
  d.results.C1.result = 'conform';
  d.results.C2 = {
    result: 'nonconform', note: '配电箱无警示标志',
    photos: [{ id: 'p1', name: 'a.jpg', thumb: 'data:image/jpeg;base64,AA==', data: null, sha: 'a'.repeat(64), status: 'done' }],
  };
  d.results.C3.result = 'not_applicable';
  syncFindings(d);
  d.signatures.inspectors = { 3: PNG };
  d.signatures.attestations = {
    4: { id: 91, method: 'password', method_label: '本设备密码验证', username: 'lisi', created_at: 1795400000 },
  };
  d.signatures.on_site = PNG;
  return d;
}
