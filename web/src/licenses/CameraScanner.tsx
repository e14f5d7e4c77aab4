import { Alert, Button } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../prefs/PrefsContext.js';
import { decodeVideoFrame } from './qrDecode.js';

export const cameraAvailable = (): boolean => typeof navigator !== 'undefined' && !!navigator.mediaDevices?.getUserMedia;

/** Live scanning with the phone's rear camera: decodes a few frames a second, stops at the first code. */
export function CameraScanner({ onCode, onClose }: { onCode(text: string): void; onClose(): void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const stop = () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
    const tick = () => {
      if (stopped) return;
      const v = video.current;
      const text = v ? decodeVideoFrame(v, canvas) : null;
      if (text) {
        stop();
        onCode(text);
        return;
      }
      timer = window.setTimeout(tick, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false })
      .then(async (s) => {
        if (stopped) {
          s.getTracks().forEach((tr) => tr.stop());
          return;
        }
        stream = s;
        const v = video.current;
        if (!v) return;
        v.srcObject = s;
        await v.play();
        tick();
      })
      .catch(() => setFailed(true));
    return stop;
  }, [onCode]);

  if (failed) return <Alert type="warning" showIcon role="alert" title={t('lic.verify.liveFailed')} action={<Button onClick={onClose}>{t('lic.verify.liveStop')}</Button>} />;
  return (
    <div className="ow-lic-camera">
      <p className="ow-lic-muted">{t('lic.verify.liveHint')}</p>
      <video ref={video} className="ow-lic-camera-video" playsInline muted aria-label={t('lic.verify.liveVideo')} />
      <Button onClick={onClose}>{t('lic.verify.liveStop')}</Button>
    </div>
  );
}
