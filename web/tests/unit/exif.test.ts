import { describe, expect, it } from 'vitest';

import { exifTakenAt } from '../../src/lib/exif';

// A minimal JPEG head: SOI, an APP1 "Exif" segment with a TIFF header, IFD0 holding DateTime and
// an Exif IFD pointer, the Exif IFD holding DateTimeOriginal; then SOS.
function jpegWithExif(original: string | null, plain: string | null, little = true): ArrayBuffer {
  const tiff: number[] = [];
  const u16 = (v: number) => (little ? [v & 255, v >> 8] : [v >> 8, v & 255]);
  const u32 = (v: number) => (little ? [v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24] : [v >>> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255]);
  const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0)).concat([0]);
  // Layout: header(8) | IFD0 at 8: 2 entries (2 + 24 + 4) = 30 → ends 38 | ExifIFD at 38: 1 entry (2 + 12 + 4) = 18 → ends 56 | strings
  const dateTimeAt = 56;
  const originalAt = 76;
  tiff.push(...(little ? [0x49, 0x49] : [0x4d, 0x4d]), ...u16(42), ...u32(8));
  tiff.push(...u16(2));
  tiff.push(...u16(0x0132), ...u16(2), ...u32(20), ...u32(plain ? dateTimeAt : 0));
  tiff.push(...u16(0x8769), ...u16(4), ...u32(1), ...u32(38));
  tiff.push(...u32(0));
  tiff.push(...u16(1));
  tiff.push(...u16(0x9003), ...u16(2), ...u32(20), ...u32(original ? originalAt : 0));
  tiff.push(...u32(0));
  while (tiff.length < dateTimeAt) tiff.push(0);
  tiff.push(...ascii(plain ?? '').slice(0, 20));
  while (tiff.length < originalAt) tiff.push(0);
  tiff.push(...ascii(original ?? '').slice(0, 20));
  const app1 = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
  const bytes = [0xff, 0xd8, 0xff, 0xe1, (app1.length + 2) >> 8, (app1.length + 2) & 255, ...app1, 0xff, 0xda, 0, 2];
  return new Uint8Array(bytes).buffer;
}

describe('exifTakenAt', () => {
  it('reads DateTimeOriginal in both byte orders', () => {
    expect(exifTakenAt(jpegWithExif('2026:11:23 09:41:05', '2026:11:24 10:00:00'))).toBe('2026-11-23T09:41:05');
    expect(exifTakenAt(jpegWithExif('2026:11:23 09:41:05', null, false))).toBe('2026-11-23T09:41:05');
  });
  it('falls back to DateTime when DateTimeOriginal is missing or malformed', () => {
    expect(exifTakenAt(jpegWithExif(null, '2026:11:24 10:00:00'))).toBe('2026-11-24T10:00:00');
    expect(exifTakenAt(jpegWithExif('2026:13:40 99:00:00', '2026:11:24 10:00:00'))).toBe('2026-11-24T10:00:00');
  });
  it('gives null for a PNG, an empty buffer, a JPEG without EXIF and truncated data', () => {
    expect(exifTakenAt(new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer)).toBeNull();
    expect(exifTakenAt(new ArrayBuffer(0))).toBeNull();
    expect(exifTakenAt(new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2]).buffer)).toBeNull();
    expect(exifTakenAt(jpegWithExif('2026:11:23 09:41:05', null).slice(0, 30))).toBeNull();
  });
});
