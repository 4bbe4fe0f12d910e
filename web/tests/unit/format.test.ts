import { describe, expect, it } from 'vitest';
import {
  certificateState, daysUntil, formatCount, formatDate, levelLabel, riskLabel, riskMeta, statusLabel,
} from '../../src/lib/format';

describe('formatDate', () => {
  it('formats ISO dates and date-times as YYYY-MM-DD', () => {
    expect(formatDate('2028-06-09')).toBe('2028-06-09');
    expect(formatDate('2028-6-9')).toBe('2028-06-09');
    expect(formatDate('2026-11-22T15:28:24Z')).toBe('2026-11-22');
  });
  it('formats epoch seconds and milliseconds in local time', () => {
    const d = new Date(2026, 10, 22, 10, 0, 0); // 2026-11-22 local
    expect(formatDate(Math.floor(d.getTime() / 1000))).toBe('2026-11-22');
    expect(formatDate(d.getTime())).toBe('2026-11-22');
    expect(formatDate(d)).toBe('2026-11-22');
  });
  it('returns empty text for empty values', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
  });
});

describe('risk colours and labels', () => {
  it('maps codes and Chinese labels to the four colours', () => {
    expect(riskMeta('red')?.color).toBe('#d9001b');
    expect(riskMeta('红')?.color).toBe('#d9001b');
    expect(riskMeta('orange')?.color).toBe('#f59a23');
    expect(riskMeta('yellow')?.color).toBe('#e6c619');
    expect(riskMeta('blue')?.color).toBe('#1f6fd1');
    expect(riskMeta('purple')).toBeUndefined();
  });
  it('uses dark text on yellow and orange', () => {
    expect(riskMeta('yellow')?.text).toBe('#1f1f1f');
    expect(riskMeta('orange')?.text).toBe('#1f1f1f');
    expect(riskMeta('red')?.text).toBe('#ffffff');
  });
  it('labels in Chinese by default and English on request', () => {
    expect(riskLabel('red')).toBe('红');
    expect(riskLabel('蓝色')).toBe('蓝');
    expect(riskLabel('yellow', 'en')).toBe('Yellow');
    expect(levelLabel('level1')).toBe('一级');
    expect(levelLabel('level3', 'en')).toBe('Level 3');
    expect(statusLabel('suspended')).toBe('停业');
  });
});

describe('certificate expiry', () => {
  const today = '2026-11-22';
  it('counts calendar days', () => {
    expect(daysUntil('2026-11-23', today)).toBe(1);
    expect(daysUntil('2027-11-22', today)).toBe(365);
  });
  it('is expired before today, and the last day still counts as valid', () => {
    expect(certificateState('2026-11-21', today)).toBe('expired');
    expect(certificateState('2020-01-01', today)).toBe('expired');
    expect(certificateState('2026-11-22', today)).toBe('soon');
  });
  it('is soon within 30 days, valid beyond', () => {
    expect(certificateState('2026-12-22', today)).toBe('soon');
    expect(certificateState('2026-12-23', today)).toBe('valid');
  });
  it('is none without a date', () => {
    expect(certificateState(null, today)).toBe('none');
    expect(certificateState('', today)).toBe('none');
  });
});

describe('formatCount', () => {
  it('groups thousands', () => {
    expect(formatCount(2370)).toBe('2,370');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(undefined)).toBe('—');
  });
});
