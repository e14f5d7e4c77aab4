import { Fragment } from 'react';

/** Routes of the licence screens: portal wallet, /verify — shown without the menu (full-screen). */
export const licensesBareRoutes = <Fragment />;

/** Routes of the licence screens: portal wallet, /verify — inside the app layout. */
export const licensesRoutes = <Fragment />;
