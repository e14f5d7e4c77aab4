import { useCallback, useEffect, useRef, useState } from 'react';

/** The browser's speech synthesis, or null where there is none. */
const synth = (): SpeechSynthesis | null => (typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null);

/** A Chinese voice: zh-CN first, then any zh. */
function chineseVoice(s: SpeechSynthesis): SpeechSynthesisVoice | null {
  const voices = s.getVoices();
  return (
    voices.find((v) => v.lang.replace('_', '-').toLowerCase() === 'zh-cn') ??
    voices.find((v) => v.lang.toLowerCase().startsWith('zh')) ??
    null
  );
}

export interface Voice {
  /** the browser can speak at all */
  supported: boolean;
  /** the user switched announcements on (browsers want a gesture first) */
  enabled: boolean;
  /** a Chinese voice was found (otherwise the default voice reads the text) */
  chinese: boolean;
  enable(): void;
  disable(): void;
  /** speaks `text` `times` times (a hall says every call twice) */
  say(text: string, times?: number): void;
}

/** Voice announcements for the hall display (请A012号到3号窗口办理). */
export function useVoice(confirmText: string): Voice {
  const s = synth();
  const [enabled, setEnabled] = useState(false);
  const [chinese, setChinese] = useState(false);
  const voice = useRef<SpeechSynthesisVoice | null>(null);

  useEffect(() => {
    if (!s) return;
    const pick = () => {
      voice.current = chineseVoice(s);
      setChinese(!!voice.current);
    };
    pick();
    s.addEventListener?.('voiceschanged', pick);
    return () => s.removeEventListener?.('voiceschanged', pick);
  }, [s]);

  const speak = useCallback(
    (text: string, times: number) => {
      if (!s || typeof SpeechSynthesisUtterance === 'undefined') return;
      for (let i = 0; i < times; i++) {
        const u = new SpeechSynthesisUtterance(text);
        u.lang = 'zh-CN';
        if (voice.current) u.voice = voice.current;
        u.rate = 0.9;
        s.speak(u);
      }
    },
    [s],
  );

  const enable = useCallback(() => {
    setEnabled(true);
    // spoken inside the click: this is the gesture that unlocks speech
    speak(confirmText, 1);
  }, [speak, confirmText]);
  const disable = useCallback(() => {
    setEnabled(false);
    s?.cancel();
  }, [s]);

  const enabledRef = useRef(enabled);
  useEffect(() => {
    enabledRef.current = enabled;
  }, [enabled]);
  const say = useCallback(
    (text: string, times = 2) => {
      if (enabledRef.current) speak(text, times);
    },
    [speak],
  );

  return { supported: !!s, enabled, chinese, enable, disable, say };
}
