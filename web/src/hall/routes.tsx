import { Fragment } from 'react';

/** Routes of the hall screens: /display/:hall, /kiosk/:hall, desk calling, /hall-admin — shown without the menu (full-screen). */
export const hallBareRoutes = <Fragment />;

/** Routes of the hall screens: /display/:hall, /kiosk/:hall, desk calling, /hall-admin — inside the app layout. */
export const hallRoutes = <Fragment />;
