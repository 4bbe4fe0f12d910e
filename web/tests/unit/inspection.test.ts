import { describe, expect, it } from 'vitest';
import {
  addFinding, beijingDate, beijingLocalTime, buildRecordBody, createDraft, defaultHandling, inTeam, isPngDataUrl, newKey, newPenalty,
  normaliseDraft, problemsOfStep, progress, rangeFor, syncFindings, validateDraft, weekRange, STEPS,
} from '../../src/lib/inspection';
import { ME, PNG, filledDraft, makeChecklist, makeTask } from './fixtures';

const keys = (d: ReturnType<typeof filledDraft>, me: number | null = ME) =>
  validateDraft(d, me).map((p) => `${STEPS[p.step]}:${p.key}:${JSON.stringify(p.params)}`);

describe('Beijing dates and task ranges', () => {
  it('uses Beijing time whatever the device zone', () => {
    // 2026-11-22 17:30 UTC is already the 23rd in Beijing
    expect(beijingDate(new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23');
    expect(beijingLocalTime(new Date('2026-11-22T17:30:00Z'))).toBe('2026-11-23T01:30');
  });

  it('weeks run Monday to Sunday', () => {
    expect(weekRange('2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Monday
    expect(weekRange('2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' }); // a Sunday
    expect(weekRange('2026-12-31')).toEqual({ from: '2026-12-28', to: '2027-01-03' });
  });

  it('today, this week and all', () => {
    expect(rangeFor('today', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(rangeFor('week', '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(rangeFor('all', '2026-11-25')).toEqual({});
  });
});

describe('a new draft', () => {
  it('has every checklist item unanswered, the start time and a UUID idempotency key', () => {
    const d = createDraft(makeTask(), makeChecklist(20), new Date('2026-11-23T01:05:00Z'));
    expect(Object.keys(d.results)).toHaveLength(20);
    expect(d.results.C20).toEqual({ result: '', note: '', photos: [] });
    expect(d.basics.started_at).toBe('2026-11-23T09:05');
    expect(d.basics.purpose).toContain('计划检查');
    expect(d.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(progress(d)).toEqual({ answered: 0, total: 20, nonconform: 0 });
  });

  it('keys are different per draft', () => {
    expect(new Set(Array.from({ length: 50 }, () => newKey())).size).toBe(50);
  });
});

describe('findings follow the nonconforming items', () => {
  it('adds one per nonconforming item, prefilled with its note, legal basis and a deadline after the inspection day', () => {
    const d = createDraft(makeTask(), makeChecklist(), new Date('2026-11-23T01:00:00Z'), 'k-12345678');
    d.results.C3 = { result: 'nonconform', note: '消防通道堵塞', photos: [] };
    d.results.C1 = { result: 'nonconform', note: '', photos: [] };
    syncFindings(d);
    expect(d.findings.map((f) => f.item_code)).toEqual(['C1', 'C3']); // checklist order
    expect(d.findings[1]).toMatchObject({ description: '消防通道堵塞', legal_basis: '《安全生产法》第22条', measure: 'rectify', grade: 'general', deadline: '2026-12-08' });
  });

  it('drops the findings of items no longer nonconforming and keeps edited ones', () => {
    const d = filledDraft();
    d.findings[0].description = '改写的描述';
    addFinding(d, 'C2');
    expect(d.findings).toHaveLength(2);
    syncFindings(d);
    expect(d.findings[0].description).toBe('改写的描述');
    expect(d.findings).toHaveLength(2);
    d.results.C2.result = 'conform';
    syncFindings(d);
    expect(d.findings).toEqual([]);
  });
});

describe('client-side validation (the rules of POST /tasks/{id}/records)', () => {
  it('a complete draft has no problem', () => {
    expect(validateDraft(filledDraft(), ME)).toEqual([]);
  });

  it('names each unanswered item and the nonconforming item without a note', () => {
    const d = filledDraft();
    d.results.C1.result = '';
    d.results.C2.note = ' ';
    d.findings[0].description = '';
    expect(keys(d)).toEqual([
      'checklist:unanswered:{"code":"C1"}',
      'checklist:noteRequired:{"code":"C2"}',
      'findings:findingDescription:{"code":"C2"}',
    ]);
  });

  it('basics: times in order, place, purpose and the on-site person', () => {
    const d = filledDraft();
    d.basics.ended_at = '2026-11-23T08:00';
    d.basics.place = '';
    d.basics.purpose = '';
    d.basics.on_site_person.name = '';
    expect(problemsOfStep(d, 0, ME).map((p) => p.key)).toEqual(['endedBeforeStart', 'placeRequired', 'purposeRequired', 'personRequired']);
    d.basics.ended_at = '';
    expect(problemsOfStep(d, 0, ME)[0].key).toBe('endedRequired');
  });

  it('a nonconforming item needs a finding; measures need a deadline after the day or a decision', () => {
    const d = filledDraft();
    d.findings = [];
    expect(keys(d)).toEqual(['findings:findingMissing:{"code":"C2"}']);
    syncFindings(d);
    d.findings[0].deadline = '2026-11-23';
    expect(keys(d)).toEqual(['findings:deadlineAfter:{"code":"C2","day":"2026-11-23"}']);
    d.findings[0].deadline = '';
    expect(keys(d)).toEqual(['findings:deadlineRequired:{"code":"C2"}']);
    d.findings[0].measure = 'on_site';
    expect(keys(d)).toEqual(['findings:decisionRequired:{"code":"C2"}']);
    d.findings[0].on_site_decision = '责令停止使用';
    d.findings[0].legal_basis = '';
    expect(keys(d)).toEqual(['findings:findingBasis:{"code":"C2"}']);
  });

  it('penalties: a fine needs a positive amount, every penalty a legal basis', () => {
    const d = filledDraft();
    const fine = newPenalty('fine');
    d.penalties.push(fine, newPenalty('warning'));
    expect(keys(d)).toEqual(['findings:fineAmount:{"n":1}', 'findings:penaltyBasis:{"n":1}', 'findings:penaltyBasis:{"n":2}']);
    fine.amount_yuan = 0;
    expect(keys(d)[0]).toBe('findings:fineAmount:{"n":1}');
    fine.amount_yuan = 5000;
    d.penalties.forEach((p) => (p.legal_basis = '《安全生产法》第九十九条'));
    expect(validateDraft(d, ME)).toEqual([]);
  });

  it('every team member signs; the on-site person signs or refuses with reason and a signing witness', () => {
    const d = filledDraft();
    d.signatures.inspectors = { 3: 'data:image/png;base64,' };
    d.signatures.on_site = '';
    expect(keys(d)).toEqual(['signatures:inspectorSignature:{"name":"张三"}', 'signatures:onSiteSignature:{}']);
    d.signatures.inspectors[3] = PNG;
    d.signatures.refused = true;
    expect(keys(d)).toEqual(['signatures:refusalReason:{}', 'signatures:witnessName:{}', 'signatures:witnessSignature:{}']);
    d.signatures.refusal = { reason: '拒绝签字', witness_name: '赵六', witness_png: PNG };
    expect(validateDraft(d, ME)).toEqual([]);
    expect(validateDraft(d, ME).every((p) => p.target !== undefined)).toBe(true);
  });

  it('the submitter signs on the pad, every other member needs an attestation of their own', () => {
    const d = filledDraft();
    delete d.signatures.attestations[4];
    expect(keys(d)).toEqual(['signatures:inspectorAttestation:{"name":"李四"}']);
    expect(validateDraft(d, ME)[0].target).toBe('inspector-4');
    // a PNG drawn for 李四 on this phone does not count: the server takes none
    d.signatures.inspectors[4] = PNG;
    expect(keys(d)).toEqual(['signatures:inspectorAttestation:{"name":"李四"}']);
    // signed in as 李四: 李四 draws, 张三 needs the attestation
    d.signatures.attestations[4] = { id: 91, method: 'password', method_label: '本设备密码验证', username: 'lisi', created_at: 1 };
    expect(keys(d, 4)).toEqual(['signatures:inspectorAttestation:{"name":"张三"}']);
  });

  it('only a member of the team can submit', () => {
    const d = filledDraft();
    expect(inTeam(d.task, ME)).toBe(true);
    expect(inTeam(d.task, 9)).toBe(false);
    expect(inTeam(d.task, null)).toBe(false);
    expect(keys(d, null)).toEqual(['signatures:notInTeam:{}', 'signatures:inspectorAttestation:{"name":"张三"}']);
    expect(validateDraft(d, null)[0].target).toBe('team');
    expect(keys(d, 9)[0]).toBe('signatures:notInTeam:{}');
  });

  it('a draft of an earlier version keeps only the own PNG and gains the attestations', () => {
    const d = filledDraft();
    const old = JSON.parse(JSON.stringify(d));
    old.signatures.inspectors = { 3: PNG, 4: PNG };
    delete old.signatures.attestations;
    normaliseDraft(old, ME);
    expect(old.signatures.inspectors).toEqual({ 3: PNG });
    expect(old.signatures.attestations).toEqual({});
    expect(keys(old)).toEqual(['signatures:inspectorAttestation:{"name":"李四"}']);
    const nobody = JSON.parse(JSON.stringify(d));
    normaliseDraft(nobody, null);
    expect(nobody.signatures.inspectors).toEqual({});
    expect(nobody.signatures.attestations).toEqual(d.signatures.attestations);
  });

  it('signatures must be PNG data URLs', () => {
    expect(isPngDataUrl(PNG)).toBe(true);
    expect(isPngDataUrl('data:image/jpeg;base64,AAAAAAAAAAAAAAAA')).toBe(false);
    expect(isPngDataUrl('')).toBe(false);
  });
});

describe('the request body', () => {
  it('matches the contract: results in checklist order with photo hashes, findings with their measure fields', () => {
    const body = buildRecordBody(filledDraft(), ME);
    expect(body.results).toEqual([
      { code: 'C1', result: 'conform', note: '', photos: [] },
      { code: 'C2', result: 'nonconform', note: '配电箱无警示标志', photos: ['a'.repeat(64)] },
      { code: 'C3', result: 'not_applicable', note: '', photos: [] },
    ]);
    expect(body.findings).toEqual([{
      item_code: 'C2', description: '配电箱无警示标志', grade: 'general', legal_basis: '《安全生产法》第21条',
      measure: 'rectify', deadline: '2026-12-08', photos: ['a'.repeat(64)],
    }]);
    expect(body.signatures).toEqual({
      inspectors: [{ inspector_id: 3, png: PNG }, { inspector_id: 4, attestation_id: 91 }],
      on_site_person: { png: PNG },
      refusal: null,
    });
    expect(body.handling).toBe('1项问题责令限期整改。');
    expect(body.started_at).toBe('2026-11-23T09:00');
  });

  it('a refusal replaces the on-site signature; a fine carries its amount, other penalties 0', () => {
    const d = filledDraft();
    d.signatures.refused = true;
    d.signatures.refusal = { reason: ' 拒绝 ', witness_name: '赵六', witness_png: PNG };
    d.penalties = [{ ...newPenalty('fine'), amount_yuan: 8000, legal_basis: 'x' }, { ...newPenalty('warning'), amount_yuan: 99, legal_basis: 'y' }];
    d.findings[0].measure = 'on_site';
    d.findings[0].on_site_decision = '停止使用';
    const body = buildRecordBody(d, ME);
    expect(body.signatures.on_site_person).toBeNull();
    expect(body.signatures.refusal).toEqual({ reason: '拒绝', witness_name: '赵六', witness_png: PNG });
    expect(body.penalties.map((p) => p.amount_yuan)).toEqual([8000, 0]);
    expect(body.findings[0]).not.toHaveProperty('deadline');
    expect(body.findings[0].on_site_decision).toBe('停止使用');
  });

  it('refuses to send a photo that is not uploaded yet', () => {
    const d = filledDraft();
    d.results.C2.photos[0].sha = null;
    expect(() => buildRecordBody(d, ME)).toThrow(/not uploaded/);
  });

  it('the same draft always gives the same body (a retry repeats it byte for byte)', () => {
    const d = filledDraft();
    expect(JSON.stringify(buildRecordBody(d, ME))).toBe(JSON.stringify(buildRecordBody(JSON.parse(JSON.stringify(d)), ME)));
  });

  it('sends the PNG of the submitter only, an attestation id for every other member, never a thumbnail', () => {
    const d = filledDraft();
    d.signatures.attestations[4].thumb = PNG;
    d.signatures.inspectors[4] = PNG; // left by an older version: not sent
    expect(buildRecordBody(d, ME).signatures.inspectors).toEqual([{ inspector_id: 3, png: PNG }, { inspector_id: 4, attestation_id: 91 }]);
    // submitted by 李四: 张三 is the one with an attestation
    d.signatures.attestations = { 3: { id: 92, method: 'session', method_label: '本人账号签字', username: 'zhang', created_at: 2 } };
    expect(buildRecordBody(d, 4).signatures.inspectors).toEqual([{ inspector_id: 3, attestation_id: 92 }, { inspector_id: 4, png: PNG }]);
  });

  it('writes the handling from the measures when none is typed', () => {
    expect(defaultHandling({ findings: [], penalties: [] })).toBe('未发现问题');
    const d = filledDraft();
    d.penalties = [newPenalty('warning')];
    expect(defaultHandling(d)).toBe('1项问题责令限期整改；拟给予警告。');
  });
});
