// Stroke model of the signature pad: points from pointer events in CSS
// pixels, drawn as smoothed lines whose width follows pressure (or speed for
// a mouse or a finger, which report a constant pressure). The pad component
// owns the canvas; this file owns what is drawn, so it can be tested without one.

export interface StrokePoint {
  x: number;
  y: number;
  /** ms (event.timeStamp) */
  t: number;
  /** 0..1; 0.5 when the device has no pressure */
  p: number;
}

export interface StrokeStyle {
  color: string;
  minWidth: number;
  maxWidth: number;
}

export const DEFAULT_STYLE: StrokeStyle = { color: '#111827', minWidth: 1.4, maxWidth: 3.6 };

/** The 2D context calls the model makes (a real CanvasRenderingContext2D, or a recorder in tests). */
export interface PenContext {
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  fillStyle: string | CanvasGradient | CanvasPattern;
}

export function widthAt(a: StrokePoint, b: StrokePoint, style: StrokeStyle = DEFAULT_STYLE): number {
  const span = style.maxWidth - style.minWidth;
  const pressure = b.p > 0 && b.p !== 0.5 ? b.p : undefined;
  if (pressure !== undefined) return style.minWidth + span * Math.min(1, Math.max(0, pressure));
  // no pressure: faster strokes are thinner, like ink
  const dt = Math.max(1, b.t - a.t);
  const speed = Math.hypot(b.x - a.x, b.y - a.y) / dt; // px per ms
  const k = Math.min(1, speed / 2.5);
  return style.maxWidth - span * k;
}

export class StrokeModel {
  strokes: StrokePoint[][] = [];
  private active: StrokePoint[] | null = null;

  /** Minimum distance (px) between recorded points, to ignore jitter. */
  constructor(private readonly minDistance = 0.8) {}

  begin(pt: StrokePoint): void {
    this.active = [pt];
    this.strokes.push(this.active);
  }

  /** Adds a point to the current stroke; false when ignored (no stroke, or too close). */
  extend(pt: StrokePoint): boolean {
    const s = this.active;
    if (!s) return false;
    const last = s[s.length - 1];
    if (Math.hypot(pt.x - last.x, pt.y - last.y) < this.minDistance) return false;
    s.push(pt);
    return true;
  }

  end(): void {
    this.active = null;
  }

  get drawing(): boolean {
    return this.active !== null;
  }

  clear(): void {
    this.strokes = [];
    this.active = null;
  }

  undo(): void {
    this.strokes.pop();
    this.active = null;
  }

  /** Total ink length in px. */
  inkLength(): number {
    let n = 0;
    for (const s of this.strokes) for (let i = 1; i < s.length; i++) n += Math.hypot(s[i].x - s[i - 1].x, s[i].y - s[i - 1].y);
    return n;
  }

  /** A signature needs some ink: a tap or a short scratch is not one. */
  isBlank(minInk = 20): boolean {
    return this.inkLength() < minInk;
  }

  bounds(): { x: number; y: number; width: number; height: number } | null {
    const pts = this.strokes.flat();
    if (!pts.length) return null;
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
  }

  /** Draws every stroke. */
  draw(ctx: PenContext, style: StrokeStyle = DEFAULT_STYLE): void {
    for (const s of this.strokes) drawStroke(ctx, s, style);
  }

  /** Draws the last segment of the current stroke (called on each pointermove). */
  drawTail(ctx: PenContext, style: StrokeStyle = DEFAULT_STYLE): void {
    const s = this.active;
    if (!s || s.length < 2) return;
    drawSegment(ctx, s, s.length - 1, style);
  }
}

function setPen(ctx: PenContext, style: StrokeStyle, width: number): void {
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = style.color;
  ctx.fillStyle = style.color;
  ctx.lineWidth = width;
}

/** Segment ending at point i, smoothed through the midpoints of neighbouring points. */
function drawSegment(ctx: PenContext, s: StrokePoint[], i: number, style: StrokeStyle): void {
  const a = s[i - 1];
  const b = s[i];
  setPen(ctx, style, widthAt(a, b, style));
  ctx.beginPath();
  if (i === 1) {
    ctx.moveTo(a.x, a.y);
    ctx.lineTo((a.x + b.x) / 2, (a.y + b.y) / 2);
  } else {
    const z = s[i - 2];
    ctx.moveTo((z.x + a.x) / 2, (z.y + a.y) / 2);
    ctx.quadraticCurveTo(a.x, a.y, (a.x + b.x) / 2, (a.y + b.y) / 2);
  }
  ctx.stroke();
}

export function drawStroke(ctx: PenContext, s: StrokePoint[], style: StrokeStyle = DEFAULT_STYLE): void {
  if (!s.length) return;
  if (s.length === 1) {
    setPen(ctx, style, style.maxWidth);
    ctx.beginPath();
    ctx.arc(s[0].x, s[0].y, style.maxWidth / 2, 0, Math.PI * 2);
    ctx.fill();
    return;
  }
  for (let i = 1; i < s.length; i++) drawSegment(ctx, s, i, style);
  // close the line up to the last point
  const a = s[s.length - 2];
  const b = s[s.length - 1];
  setPen(ctx, style, widthAt(a, b, style));
  ctx.beginPath();
  ctx.moveTo((a.x + b.x) / 2, (a.y + b.y) / 2);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

/** Backing-store size for a CSS size at a device pixel ratio (capped: exports stay small). */
export function backingSize(cssWidth: number, cssHeight: number, dpr: number, maxRatio = 2): { width: number; height: number; ratio: number } {
  const ratio = Math.max(1, Math.min(maxRatio, dpr || 1));
  return { width: Math.round(cssWidth * ratio), height: Math.round(cssHeight * ratio), ratio };
}
