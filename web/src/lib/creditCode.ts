// GB 32100-2015 unified social credit code (统一社会信用代码) validation.
// Same algorithm and the same Chinese messages as the server
// (src/domain/registry/credit_code.cpp), so users see the error before saving.

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// Weight of position i (0-based) is 3^i mod 31.
export const CREDIT_CODE_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

export type CreditCodeResult =
  | { ok: true; code: string; checkValid: boolean }
  | { ok: false; code: string; message: string; badCheck?: boolean };

function valueOf(c: string): number {
  return CREDIT_CODE_ALPHABET.indexOf(c);
}

/** Check character for the first 17 characters, or '' if they are not valid. */
export function computeCheckCharacter(first17: string): string {
  if (first17.length !== 17) return '';
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueOf(first17[i]);
    if (v < 0) return '';
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  let r = 31 - (sum % 31);
  if (r === 31) r = 0;
  return CREDIT_CODE_ALPHABET[r];
}

/** Trims and upper-cases, then checks length, charset and region digits. */
function normalise(text: string): CreditCodeResult {
  const code = text.trim().toUpperCase();
  if (code.length === 0) return { ok: false, code, message: '统一社会信用代码不能为空' };
  const chars = Array.from(code);
  if (code.length !== 18) {
    return { ok: false, code, message: `统一社会信用代码应为18位，实际为${chars.length}位` };
  }
  for (let i = 0; i < code.length; i++) {
    if (valueOf(code[i]) < 0) {
      return {
        ok: false,
        code,
        message: `统一社会信用代码第${i + 1}位字符“${code[i]}”不合法（不得含 I、O、S、V、Z 及标点）`,
      };
    }
  }
  for (let i = 2; i < 8; i++) {
    if (code[i] < '0' || code[i] > '9') {
      return { ok: false, code, message: '统一社会信用代码第3-8位应为行政区划代码（数字）' };
    }
  }
  return { ok: true, code, checkValid: true };
}

/**
 * Validates a credit code. With allowBadCheck (the "校验位例外" override) a wrong
 * check character is accepted, but the format rules still apply.
 */
export function validateCreditCode(text: string, allowBadCheck = false): CreditCodeResult {
  const base = normalise(text);
  if (!base.ok) return base;
  const code = base.code;
  const expected = computeCheckCharacter(code.slice(0, 17));
  const valid = expected === code[17];
  if (valid) return { ok: true, code, checkValid: true };
  if (allowBadCheck) return { ok: true, code, checkValid: false };
  return {
    ok: false,
    code,
    badCheck: true,
    message:
      `统一社会信用代码校验位错误：第18位应为“${expected}”，实际为“${code[17]}”` +
      '（如确为早期合法代码，可勾选“校验位例外”并注明原因）',
  };
}
