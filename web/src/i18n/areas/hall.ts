import { defineMessages } from './define.js';

/** UI text of the hall screens (zh-CN first; English must have every key). */
export const hall = defineMessages({}, {});
