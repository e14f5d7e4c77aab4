import { create } from 'qrcode';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

/** Quiet zone around the code, in modules (the standard asks for 4). */
const QUIET = 4;

/**
 * A QR code drawn crisply to a <canvas>: whole pixels per module, sized to the space it has
 * (at least 2 px a module, at most `maxModulePx`). The canvas is an image with `label` as its
 * text alternative; the text it encodes should also be offered as text next to it.
 */
export function QrCanvas({ text, label, maxModulePx = 5, dimmed = false }: { text: string; label: string; maxModulePx?: number; dimmed?: boolean }) {
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(0);
  const qr = useMemo(() => create(text, { errorCorrectionLevel: 'L' }), [text]);
  const modules = qr.modules.size + QUIET * 2;

  useLayoutEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const measure = () => setWidth(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const modulePx = Math.max(2, Math.min(maxModulePx, Math.floor((width || modules * 3) / modules)));
  const cssSize = modules * modulePx;

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = Math.max(1, Math.round(window.devicePixelRatio || 1));
    const px = modulePx * dpr;
    c.width = modules * px;
    c.height = modules * px;
    const g = c.getContext('2d');
    if (!g) return;
    g.fillStyle = '#ffffff';
    g.fillRect(0, 0, c.width, c.height);
    g.fillStyle = '#000000';
    const n = qr.modules.size;
    for (let r = 0; r < n; r++) {
      for (let col = 0; col < n; col++) {
        if (qr.modules.get(r, col)) g.fillRect((col + QUIET) * px, (r + QUIET) * px, px, px);
      }
    }
  }, [qr, modulePx, modules]);

  return (
    <div ref={wrap} className="ow-lic-qr-wrap">
      <canvas
        ref={canvas}
        role="img"
        aria-label={label}
        className={dimmed ? 'ow-lic-qr ow-lic-qr-dimmed' : 'ow-lic-qr'}
        style={{ width: cssSize, height: cssSize }}
      />
    </div>
  );
}
