import type { MouseEvent } from 'react';
import { useT } from '../prefs/PrefsContext.js';

export const MAIN_ID = 'main-content';

/** The first focusable element: jumps keyboard users past the header and menu. */
export function SkipLink() {
  const t = useT();
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById(MAIN_ID);
    if (!main) return;
    e.preventDefault();
    main.focus();
    main.scrollIntoView();
  };
  return (
    <a className="ow-skip" href={`#${MAIN_ID}`} onClick={onClick}>
      {t('app.skip')}
    </a>
  );
}
