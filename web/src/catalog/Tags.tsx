import { Tag } from 'antd';
import type { ReactNode } from 'react';

type Tone = 'blue' | 'green' | 'orange' | 'purple' | 'grey';

/** A tag with colours that keep WCAG AA contrast (antd's preset tag colours do not all). */
export function ToneTag({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <Tag className={`ow-tag ow-tag-${tone}`}>{children}</Tag>;
}
