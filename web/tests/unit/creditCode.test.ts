import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_WEIGHTS, computeCheckCharacter, validateCreditCode } from '../../src/lib/creditCode';

describe('GB 32100 credit code', () => {
  it('uses weights 3^(i-1) mod 31', () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it('accepts the valid examples', () => {
    for (const code of ['91350100M000100Y43', '91310000775785552L']) {
      const r = validateCreditCode(code);
      expect(r.ok, code).toBe(true);
      if (r.ok) expect(r.checkValid).toBe(true);
    }
  });

  it('rejects a wrong check character with the server message', () => {
    const r = validateCreditCode('91350100M0001TGQXM');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.badCheck).toBe(true);
      expect(r.message).toBe(
        '统一社会信用代码校验位错误：第18位应为“1”，实际为“M”（如确为早期合法代码，可勾选“校验位例外”并注明原因）',
      );
      expect(r.message).toContain('统一社会信用代码校验位错误：第18位应为“1”，实际为“M”');
    }
  });

  it('accepts a wrong check character only with the override', () => {
    const r = validateCreditCode('91350100M0001TGQXM', true);
    expect(r).toEqual({ ok: true, code: '91350100M0001TGQXM', checkValid: false });
  });

  it('normalises lower case and surrounding spaces', () => {
    const r = validateCreditCode('  91350100m000100y43 ');
    expect(r).toEqual({ ok: true, code: '91350100M000100Y43', checkValid: true });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('rejects the letter %s', (letter) => {
    const code = `91350100M00010${letter}Y43`;
    const r = validateCreditCode(code);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe(`统一社会信用代码第15位字符“${letter}”不合法（不得含 I、O、S、V、Z 及标点）`);
  });

  it('rejects letters even with the override', () => {
    expect(validateCreditCode('91350100M00010IY43', true).ok).toBe(false);
  });

  it('rejects a wrong length', () => {
    const short = validateCreditCode('91350100M000100Y4');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.message).toBe('统一社会信用代码应为18位，实际为17位');
    const long = validateCreditCode('91350100M000100Y431');
    if (!long.ok) expect(long.message).toBe('统一社会信用代码应为18位，实际为19位');
    const empty = validateCreditCode('   ');
    if (!empty.ok) expect(empty.message).toBe('统一社会信用代码不能为空');
  });

  it('requires digits in the region part (positions 3-8)', () => {
    const r = validateCreditCode('91A50100M000100Y43');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('统一社会信用代码第3-8位应为行政区划代码（数字）');
  });

  it('maps a remainder of 0 to check character 0', () => {
    // Search a prefix whose weighted sum is divisible by 31: check must be '0'.
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    let found = '';
    for (const c of alphabet) {
      const prefix = `9135010000000000${c}`;
      let sum = 0;
      for (let i = 0; i < 17; i++) sum += alphabet.indexOf(prefix[i]) * CREDIT_CODE_WEIGHTS[i];
      if (sum % 31 === 0) { found = prefix; break; }
    }
    expect(found).not.toBe('');
    expect(computeCheckCharacter(found)).toBe('0');
  });
});
