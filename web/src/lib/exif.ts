// The time a JPEG photo was taken (EXIF DateTimeOriginal, else DateTime), read in the browser
// before the photo is downscaled: re-encoding on a canvas drops EXIF, and the inspection record
// keeps when each photo was taken. Returns "YYYY-MM-DDTHH:MM:SS" or null.

const SOI = 0xffd8;
const APP1 = 0xffe1;
const TAG_DATETIME = 0x0132;
const TAG_EXIF_IFD = 0x8769;
const TAG_DATETIME_ORIGINAL = 0x9003;

function exifTime(text: string): string | null {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  if (+mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +s > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/** Reads the ASCII value of `tag` in the IFD at `ifd` (offsets relative to the TIFF header). */
function readTag(view: DataView, tiff: number, ifd: number, tag: number, little: boolean): { offset?: number; text?: string } {
  if (tiff + ifd + 2 > view.byteLength) return {};
  const count = view.getUint16(tiff + ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = tiff + ifd + 2 + i * 12;
    if (entry + 12 > view.byteLength) return {};
    if (view.getUint16(entry, little) !== tag) continue;
    const type = view.getUint16(entry + 2, little);
    const n = view.getUint32(entry + 4, little);
    if (type === 4 || type === 13) return { offset: view.getUint32(entry + 8, little) };  // LONG / IFD pointer
    if (type !== 2) return {};  // not ASCII
    const start = n <= 4 ? entry + 8 : tiff + view.getUint32(entry + 8, little);
    if (start + n > view.byteLength) return {};
    let text = '';
    for (let k = 0; k < n; k++) {
      const c = view.getUint8(start + k);
      if (c === 0) break;
      text += String.fromCharCode(c);
    }
    return { text };
  }
  return {};
}

/** DateTimeOriginal (else DateTime) of a JPEG's EXIF segment; null for anything else. */
export function exifTakenAt(bytes: ArrayBuffer): string | null {
  const view = new DataView(bytes);
  if (view.byteLength < 4 || view.getUint16(0) !== SOI) return null;
  let pos = 2;
  while (pos + 4 <= view.byteLength) {
    const marker = view.getUint16(pos);
    const length = view.getUint16(pos + 2);
    if ((marker & 0xff00) !== 0xff00 || length < 2) return null;
    if (marker === APP1 && pos + 10 <= view.byteLength &&
        view.getUint32(pos + 4) === 0x45786966 && view.getUint16(pos + 8) === 0) {  // "Exif\0\0"
      const tiff = pos + 10;
      if (tiff + 8 > view.byteLength) return null;
      const little = view.getUint16(tiff) === 0x4949;
      const ifd0 = view.getUint32(tiff + 4, little);
      const sub = readTag(view, tiff, ifd0, TAG_EXIF_IFD, little);
      if (sub.offset !== undefined) {
        const original = readTag(view, tiff, sub.offset, TAG_DATETIME_ORIGINAL, little);
        const t = original.text ? exifTime(original.text) : null;
        if (t) return t;
      }
      const plain = readTag(view, tiff, ifd0, TAG_DATETIME, little);
      return plain.text ? exifTime(plain.text) : null;
    }
    if (marker === 0xffda) return null;  // start of scan: no EXIF before the image data
    pos += 2 + length;
  }
  return null;
}
