/** Reads a QR code from an image in the browser (jsQR over canvas pixels); nothing is uploaded. */
import jsQRModule from 'jsqr';

type JsQR = (data: Uint8ClampedArray, width: number, height: number, options?: { inversionAttempts?: 'dontInvert' | 'onlyInvert' | 'attemptBoth' | 'invertFirst' }) => { data: string } | null;

/** jsqr is CommonJS with `exports.default`: bundlers hand over the function, Node the namespace. */
const jsQR: JsQR = (() => {
  const m: unknown = jsQRModule;
  if (typeof m === 'function') return m as JsQR;
  const d = (m as { default?: unknown }).default;
  if (typeof d === 'function') return d as JsQR;
  throw new Error('jsqr did not load');
})();

/** Decodes the first QR code in the pixels of `source`, trying a few scales (big photos, tiny screenshots). */
function decodeSource(source: CanvasImageSource, width: number, height: number): string | null {
  const longest = Math.max(width, height);
  // 1: as is (capped); then smaller (large photos decode better scaled down) and larger (tiny codes)
  const targets = [Math.min(longest, 2000), 1000, 1600, 2400].filter((v, i, a) => a.indexOf(v) === i);
  const canvas = document.createElement('canvas');
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  for (const target of targets) {
    const scale = target / longest;
    if (scale > 1 && longest > 1200) continue;
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    g.imageSmoothingEnabled = scale < 1;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, canvas.width, canvas.height);
    g.drawImage(source, 0, 0, canvas.width, canvas.height);
    const img = g.getImageData(0, 0, canvas.width, canvas.height);
    const code = jsQR(img.data, img.width, img.height, { inversionAttempts: 'attemptBoth' });
    if (code?.data) return code.data;
  }
  return null;
}

export class ImageUnreadable extends Error {}

/** The text of the QR code in an image file, or null when none is found. Throws ImageUnreadable. */
export async function decodeQrFile(file: Blob): Promise<string | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageUnreadable('image');
  }
  try {
    return decodeSource(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** One frame of a <video>: the QR text, or null. */
export function decodeVideoFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): string | null {
  const w = video.videoWidth;
  const h = video.videoHeight;
  if (!w || !h) return null;
  const scale = Math.min(1, 1000 / Math.max(w, h));
  canvas.width = Math.round(w * scale);
  canvas.height = Math.round(h * scale);
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(video, 0, 0, canvas.width, canvas.height);
  const img = g.getImageData(0, 0, canvas.width, canvas.height);
  return jsQR(img.data, img.width, img.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}
