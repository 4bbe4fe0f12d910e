import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_SIDE, fitWithin, needsReencode } from '../../src/lib/image';

describe('photo downscale sizing', () => {
  it('fits the long side into 1600 px keeping the aspect ratio', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200, scale: 1600 / 4032 });
    expect(fitWithin(3024, 4032)).toMatchObject({ width: 1200, height: 1600 });
    expect(fitWithin(4000, 1000)).toMatchObject({ width: 1600, height: 400 });
  });

  it('never upscales and never goes below one pixel', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600, scale: 1 });
    expect(fitWithin(1600, 1600)).toEqual({ width: 1600, height: 1600, scale: 1 });
    expect(fitWithin(100_000, 10)).toMatchObject({ width: 1600, height: 1 });
    expect(fitWithin(0, 10)).toEqual({ width: 0, height: 0, scale: 1 });
  });

  it('rounds so that no side exceeds the maximum', () => {
    for (const [w, h] of [[4031, 3023], [1601, 1599], [5000, 4999], [3, 9999]]) {
      const r = fitWithin(w, h);
      expect(Math.max(r.width, r.height)).toBeLessThanOrEqual(MAX_PHOTO_SIDE);
      expect(Math.abs(r.width / r.height - w / h)).toBeLessThan(0.01 * (w / h) + 1 / r.height);
    }
  });

  it('keeps small JPEG and PNG files as they are (with their EXIF), re-encodes the rest', () => {
    expect(needsReencode({ type: 'image/jpeg', size: 400_000 }, 1200, 900)).toBe(false);
    expect(needsReencode({ type: 'image/png', size: 40_000 }, 300, 200)).toBe(false);
    expect(needsReencode({ type: 'image/jpeg', size: 400_000 }, 4032, 3024)).toBe(true);
    expect(needsReencode({ type: 'image/jpeg', size: 3_000_000 }, 1600, 1200)).toBe(true);
    expect(needsReencode({ type: 'image/heic', size: 100_000 }, 800, 600)).toBe(true);
    expect(needsReencode({ type: 'image/webp', size: 100_000 }, 800, 600)).toBe(true);
  });
});
