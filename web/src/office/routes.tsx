import { Fragment } from 'react';

/** Routes of the back office (/office) and the certificate window (/issue) — inside the app layout. */
export const officeRoutes = <Fragment />;
