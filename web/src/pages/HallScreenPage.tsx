import { useParams } from 'react-router-dom';
import { SCREENS } from '../screens/screens.js';
import { ComingSoon } from './ComingSoon.js';

/** /display/:hall and /kiosk/:hall: hall screens, shown without the menu. */
export function HallScreenPage({ kind }: { kind: 'display' | 'kiosk' }) {
  const { hall = '' } = useParams();
  return <ComingSoon screen={SCREENS[kind]} subtitle={hall} />;
}
