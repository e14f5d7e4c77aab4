import { Fragment } from 'react';

/** Routes of the case screens: /desk, /office, /issue, portal application and progress — shown without the menu (full-screen). */
export const casesBareRoutes = <Fragment />;

/** Routes of the case screens: /desk, /office, /issue, portal application and progress — inside the app layout. */
export const casesRoutes = <Fragment />;
