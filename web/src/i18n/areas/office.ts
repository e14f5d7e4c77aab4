import { defineMessages } from './define.js';

/** UI text of the back office (/office) and certificate window (/issue) screens. */
export const office = defineMessages({}, {});
