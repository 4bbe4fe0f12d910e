import { describe, expect, it } from 'vitest';
import { DEFAULT_STYLE, StrokeModel, backingSize, drawStroke, widthAt, type PenContext, type StrokePoint } from '../../src/lib/signature';

function recorder(): PenContext & { ops: string[] } {
  const ops: string[] = [];
  return {
    ops,
    beginPath: () => ops.push('begin'),
    moveTo: (x, y) => ops.push(`M${x},${y}`),
    lineTo: (x, y) => ops.push(`L${x},${y}`),
    quadraticCurveTo: (cx, cy, x, y) => ops.push(`Q${cx},${cy} ${x},${y}`),
    arc: (x, y) => ops.push(`A${x},${y}`),
    stroke: () => ops.push('stroke'),
    fill: () => ops.push('fill'),
    lineWidth: 1, lineCap: 'butt', lineJoin: 'miter', strokeStyle: '#000', fillStyle: '#000',
  };
}
const pt = (x: number, y: number, t = 0, p = 0.5): StrokePoint => ({ x, y, t, p });

describe('signature stroke model', () => {
  it('records strokes and ignores jitter closer than the minimum distance', () => {
    const m = new StrokeModel(1);
    m.begin(pt(0, 0));
    expect(m.extend(pt(0.5, 0))).toBe(false);
    expect(m.extend(pt(10, 0))).toBe(true);
    m.end();
    expect(m.extend(pt(20, 0))).toBe(false); // no stroke open
    expect(m.strokes).toEqual([[pt(0, 0), pt(10, 0)]]);
    expect(m.inkLength()).toBe(10);
  });

  it('a tap or a short scratch is blank; a real signature is not', () => {
    const m = new StrokeModel();
    m.begin(pt(5, 5));
    m.end();
    expect(m.isBlank()).toBe(true);
    m.begin(pt(0, 0));
    for (let i = 1; i <= 20; i++) m.extend(pt(i * 3, Math.sin(i) * 10, i * 8));
    m.end();
    expect(m.isBlank()).toBe(false);
    expect(m.bounds()).toMatchObject({ x: 0, width: 60 });
    m.undo();
    expect(m.strokes).toHaveLength(1);
    m.clear();
    expect(m.bounds()).toBeNull();
  });

  it('draws smoothed segments through midpoints and a dot for a single point', () => {
    const ctx = recorder();
    drawStroke(ctx, [pt(0, 0), pt(10, 0), pt(20, 10)]);
    expect(ctx.ops).toEqual([
      'begin', 'M0,0', 'L5,0', 'stroke',
      'begin', 'M5,0', 'Q10,0 15,5', 'stroke',
      'begin', 'M15,5', 'L20,10', 'stroke',
    ]);
    expect(ctx.lineCap).toBe('round');
    const dot = recorder();
    drawStroke(dot, [pt(3, 4)]);
    expect(dot.ops).toEqual(['begin', 'A3,4', 'fill']);
  });

  it('the live tail draws only the newest segment', () => {
    const m = new StrokeModel();
    const ctx = recorder();
    m.begin(pt(0, 0));
    m.drawTail(ctx);
    expect(ctx.ops).toEqual([]);
    m.extend(pt(10, 0, 16));
    m.extend(pt(20, 0, 32));
    m.drawTail(ctx);
    expect(ctx.ops).toEqual(['begin', 'M5,0', 'Q10,0 15,0', 'stroke']);
  });

  it('line width follows pressure when the pen reports it, else speed', () => {
    const { minWidth, maxWidth } = DEFAULT_STYLE;
    expect(widthAt(pt(0, 0, 0), pt(1, 0, 10, 1))).toBeCloseTo(maxWidth);
    expect(widthAt(pt(0, 0, 0), pt(1, 0, 10, 0.01))).toBeCloseTo(minWidth + (maxWidth - minWidth) * 0.01);
    const slow = widthAt(pt(0, 0, 0), pt(2, 0, 100));
    const fast = widthAt(pt(0, 0, 0), pt(200, 0, 10));
    expect(slow).toBeGreaterThan(fast);
    expect(fast).toBeCloseTo(minWidth);
  });

  it('sizes the backing store for the device pixel ratio, capped at 2', () => {
    expect(backingSize(300, 180, 3)).toEqual({ width: 600, height: 360, ratio: 2 });
    expect(backingSize(300, 180, 1.5)).toEqual({ width: 450, height: 270, ratio: 1.5 });
    expect(backingSize(300, 180, 0)).toEqual({ width: 300, height: 180, ratio: 1 });
  });
});
