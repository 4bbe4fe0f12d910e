// Photos taken on a phone are 3–12 MB: downscale them in the browser to at
// most 1600 px on the long side as JPEG before they are kept in the draft and
// uploaded. Small JPEG/PNG files are kept as they are, with their EXIF (the
// server reads the time the photo was taken from it).

import { exifTakenAt } from './exif';

export const MAX_PHOTO_SIDE = 1600;
export const THUMB_SIDE = 240;
/** Files at most this size, within MAX_PHOTO_SIDE, JPEG or PNG, are uploaded unchanged. */
export const KEEP_AS_IS_BYTES = 1_500_000;
export const JPEG_QUALITY = 0.85;

/** Size that fits `max` on the long side, keeping the aspect ratio; never upscales. */
export function fitWithin(width: number, height: number, max: number = MAX_PHOTO_SIDE): { width: number; height: number; scale: number } {
  if (!(width > 0 && height > 0)) return { width: 0, height: 0, scale: 1 };
  const long = Math.max(width, height);
  if (long <= max) return { width: Math.round(width), height: Math.round(height), scale: 1 };
  const scale = max / long;
  return {
    width: Math.max(1, Math.min(max, Math.round(width * scale))),
    height: Math.max(1, Math.min(max, Math.round(height * scale))),
    scale,
  };
}

/** Whether a photo must be re-encoded (too large, too many pixels, or not JPEG/PNG). */
export function needsReencode(file: { type: string; size: number }, width: number, height: number, max = MAX_PHOTO_SIDE): boolean {
  if (file.type !== 'image/jpeg' && file.type !== 'image/png') return true;
  if (Math.max(width, height) > max) return true;
  return file.size > KEEP_AS_IS_BYTES;
}

export interface PreparedPhoto {
  /** EXIF time of the original file ("YYYY-MM-DDTHH:MM:SS"), kept because re-encoding drops EXIF */
  takenAt: string | null;
  blob: Blob;
  dataUrl: string;
  thumb: string;
  width: number;
  height: number;
}

function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error);
    r.readAsDataURL(blob);
  });
}

type Drawable = ImageBitmap | HTMLImageElement;

async function decode(file: Blob): Promise<{ image: Drawable; width: number; height: number; close: () => void }> {
  if (typeof createImageBitmap === 'function') {
    try {
      const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { image: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
    } catch {
      // fall through to <img> (older Safari)
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return { image: img, width: img.naturalWidth, height: img.naturalHeight, close: () => {} };
  } finally {
    URL.revokeObjectURL(url);
  }
}

function draw(image: Drawable, width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('canvas 2d unavailable');
  ctx.fillStyle = '#fff'; // PNG transparency becomes white in JPEG
  ctx.fillRect(0, 0, width, height);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(image, 0, 0, width, height);
  return canvas;
}

function toBlob(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encoding failed'))), type, quality));
}

/** Downscaled photo (≤ 1600 px JPEG unless small enough already) and a thumbnail, as data URLs for the draft. */
export async function preparePhoto(file: File | Blob): Promise<PreparedPhoto> {
  const { image, width, height, close } = await decode(file);
  try {
    const size = fitWithin(width, height, MAX_PHOTO_SIDE);
    let blob: Blob = file;
    if (needsReencode(file, width, height)) blob = await toBlob(draw(image, size.width, size.height), 'image/jpeg', JPEG_QUALITY);
    const t = fitWithin(width, height, THUMB_SIDE);
    const thumb = draw(image, t.width, t.height).toDataURL('image/jpeg', 0.7);
    const takenAt = exifTakenAt(await file.arrayBuffer());
    return { takenAt, blob, dataUrl: await blobToDataUrl(blob), thumb, width: size.width, height: size.height };
  } finally {
    close();
  }
}
