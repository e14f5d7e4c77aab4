import { defineMessages } from './define.js';

/** UI text of the cases screens (zh-CN first; English must have every key). */
export const cases = defineMessages({}, {});
