import { describe, expect, it } from 'vitest';
import {
  buildMonthGrid, bytesToHex, planStatusLabel, statusType, dateLabel, frequencyText, generateSeed, groupByDate, isSha256Hex, isValidSeed, kindMeta,
  lifecycleNeeds, monthRange, selectorText, sha256Bytes, sha256Hex, share, splitProblems, statusAllowsAdjustment,
  weekdayOf,
} from '../../src/lib/plan';

const ABC = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('seed and hex', () => {
  it('encodes bytes as lowercase two-digit hex', () => {
    expect(bytesToHex(new Uint8Array([0, 1, 15, 16, 171, 255]))).toBe('00010f10abff');
    expect(bytesToHex(new Uint8Array())).toBe('');
  });

  it('generates 64 hex characters from 32 random bytes by default', () => {
    const seed = generateSeed();
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(generateSeed()).not.toBe(seed);
    expect(generateSeed(16)).toMatch(/^[0-9a-f]{32}$/);
  });

  it('uses the given random source', () => {
    const seed = generateSeed(4, (a) => { a.set([0xde, 0xad, 0xbe, 0xef]); return a; });
    expect(seed).toBe('deadbeef');
    expect(() => generateSeed(2)).toThrow();
  });

  it('accepts seeds of at least 8 characters without surrounding blanks', () => {
    expect(isValidSeed('12345678')).toBe(true);
    expect(isValidSeed('1234567')).toBe(false);
    expect(isValidSeed(' 12345678')).toBe(false);
    expect(isSha256Hex(ABC)).toBe(true);
    expect(isSha256Hex(ABC.toUpperCase())).toBe(false);
    expect(isSha256Hex('abc')).toBe(false);
  });
});

describe('sha256', () => {
  it('hashes "abc" to the FIPS 180-2 vector with crypto.subtle', async () => {
    expect(globalThis.crypto?.subtle).toBeDefined();
    expect(await sha256Hex('abc', globalThis.crypto.subtle)).toBe(ABC);
    expect(await sha256Hex('abc')).toBe(ABC);
  });

  it('falls back to the TypeScript implementation without crypto.subtle', async () => {
    expect(await sha256Hex('abc', undefined)).toBe(ABC);
    expect(await sha256Hex('', undefined)).toBe(EMPTY);
    expect(bytesToHex(sha256Bytes(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))))
      .toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('fallback agrees with crypto.subtle on UTF-8 text and block boundaries', async () => {
    for (const s of ['种子承诺', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(63), 'd'.repeat(64), 'e'.repeat(1000), generateSeed()]) {
      const want = await sha256Hex(s, globalThis.crypto.subtle);
      expect(await sha256Hex(s, undefined), s.slice(0, 10)).toBe(want);
    }
  });
});

describe('month grid', () => {
  // 2026: 元旦 Jan 1–3, Sunday Jan 4 is a make-up working day.
  const cal = {
    holidays: [{ name: '元旦', first: '2026-01-01', last: '2026-01-03' }, { name: '春节', first: '2026-02-15', last: '2026-02-23' }],
    working_dates: ['2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09', '2026-01-12', '2026-01-30',
      '2026-02-14', '2026-02-24'],
  };
  const items = [
    { seq: 1, date: '2026-01-05', slot: 0, kind: 'deterministic' },
    { seq: 2, date: '2026-01-05', slot: 1, kind: 'random' },
    { seq: 3, date: '2026-01-05', slot: 0, kind: 'deterministic' },
    { seq: 4, date: '2026-01-30', slot: 0, kind: 'special' },
    { seq: 5, date: '2026-02-02', slot: 0, kind: 'random' },
  ];

  it('lays out Monday-first weeks padded with the adjacent months', () => {
    const weeks = buildMonthGrid(2026, 1, cal, items);
    expect(weeks).toHaveLength(5); // Thu Jan 1 … Sat Jan 31 → Dec 29 … Feb 1
    expect(weeks.every((w) => w.length === 7)).toBe(true);
    expect(weeks[0][0].date).toBe('2025-12-29');
    expect(weeks[0][0].inMonth).toBe(false);
    expect(weeks[0][3]).toMatchObject({ date: '2026-01-01', day: 1, inMonth: true, weekday: 3 });
    expect(weeks[4][6]).toMatchObject({ date: '2026-02-01', inMonth: false });
  });

  it('places items on their dates with per-kind counts', () => {
    const cells = buildMonthGrid(2026, 1, cal, items).flat();
    const jan5 = cells.find((c) => c.date === '2026-01-05')!;
    expect(jan5.total).toBe(3);
    expect(jan5.counts).toEqual({ deterministic: 2, random: 1 });
    expect(jan5.items.map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(cells.find((c) => c.date === '2026-01-30')!.counts).toEqual({ special: 1 });
    expect(cells.find((c) => c.date === '2026-01-06')!.total).toBe(0);
    expect(cells.find((c) => c.date === '2026-02-01')!.items).toEqual([]);
  });

  it('marks holidays, weekends and make-up working days', () => {
    const cells = buildMonthGrid(2026, 1, cal, items).flat();
    const by = (d: string) => cells.find((c) => c.date === d)!;
    expect(by('2026-01-01')).toMatchObject({ holiday: '元旦', working: false, weekend: false });
    expect(by('2026-01-03')).toMatchObject({ holiday: '元旦', working: false, weekend: true });
    expect(by('2026-01-04')).toMatchObject({ holiday: '', working: true, weekend: true, makeup: true });
    expect(by('2026-01-05')).toMatchObject({ working: true, weekend: false, makeup: false });
    expect(by('2026-01-10')).toMatchObject({ working: false, weekend: true, makeup: false });
    const feb = buildMonthGrid(2026, 2, cal).flat();
    expect(feb.filter((c) => c.holiday === '春节').map((c) => c.day)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23]);
    expect(feb.find((c) => c.date === '2026-02-14')).toMatchObject({ makeup: true, working: true });
  });

  it('treats Monday–Friday as working days without a calendar', () => {
    const cells = buildMonthGrid(2026, 3, null).flat().filter((c) => c.inMonth);
    expect(cells).toHaveLength(31);
    expect(cells.filter((c) => c.working)).toHaveLength(22);
    const weeks = buildMonthGrid(2026, 6, undefined); // June 1 2026 is a Monday: no leading padding
    expect(weeks[0][0].date).toBe('2026-06-01');
  });

  it('handles February of a leap year', () => {
    const cells = buildMonthGrid(2028, 2, null).flat().filter((c) => c.inMonth);
    expect(cells).toHaveLength(29);
    expect(monthRange(2028, 2)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange(2026, 12)).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });
});

describe('dates and grouping', () => {
  it('computes weekdays Monday = 0', () => {
    expect(weekdayOf('2026-01-05')).toBe(0);
    expect(weekdayOf('2026-01-04')).toBe(6);
    expect(dateLabel('2026-03-02')).toBe('3月2日 周一');
  });

  it('groups items by date ascending, then slot and seq', () => {
    const g = groupByDate([
      { seq: 9, date: '2026-03-03', slot: 1 }, { seq: 2, date: '2026-03-02', slot: 1 },
      { seq: 5, date: '2026-03-03', slot: 0 }, { seq: 1, date: '2026-03-02', slot: 1 },
    ]);
    expect(g.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03']);
    expect(g[0].items.map((i) => i.seq)).toEqual([1, 2]);
    expect(g[1].items.map((i) => i.seq)).toEqual([5, 9]);
  });
});

describe('labels, figures and roles', () => {
  it('describes rules in Chinese', () => {
    expect(frequencyText(2, 'month')).toBe('每月 2 次');
    expect(frequencyText(1, 'two_years')).toBe('每两年 1 次');
    expect(selectorText({ levels: ['level1', 'level2'] })).toBe('一级、二级');
    expect(selectorText({ key: true })).toBe('重点单位');
    expect(selectorText({ categories: ['hazardous_chemicals', 'fireworks'] })).toBe('危险化学品、烟花爆竹');
    expect(selectorText({})).toBe('全部单位');
    expect(kindMeta('leader_led').label).toBe('领导带队检查');
    expect(kindMeta('other').label).toBe('other');
  });

  it('computes shares with one decimal', () => {
    expect(share(47, 69)).toBe(40.5);
    expect(share(69, 47)).toBe(59.5);
    expect(share(0, 0)).toBe(0);
    expect(share(1, 0)).toBe(100);
  });

  it('splits a list of problems from the server', () => {
    expect(splitProblems('计划调整有误：请填写调整原因；删除：计划中没有序号 99999 的检查；改期（序号 253）：时段无效')).toEqual([
      '请填写调整原因', '删除：计划中没有序号 99999 的检查', '改期（序号 253）：时段无效',
    ]);
    expect(splitProblems('计划已报批，不能调整')).toEqual(['计划已报批，不能调整']);
  });

  it('knows what each plan action needs from the account', () => {
    expect(lifecycleNeeds('submit')).toBe('compile_plan');
    expect(['approve', 'reject', 'enact'].map(lifecycleNeeds)).toEqual(['approve_plan', 'approve_plan', 'approve_plan']);
    expect(lifecycleNeeds('delete')).toBeUndefined();
    expect(statusAllowsAdjustment('submitted')).toBe(false);
    expect(statusAllowsAdjustment('in_force')).toBe(true);
    expect(planStatusLabel('reapproval_required')).toBe('待重新报批');
    expect(planStatusLabel('odd')).toBe('odd');
    expect(statusType('reapproval_required')).toBe('danger');
    expect(statusType('odd')).toBe('info');
  });
});
