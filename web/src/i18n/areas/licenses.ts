import { defineMessages } from './define.js';

/** UI text of the licenses screens (zh-CN first; English must have every key). */
export const licenses = defineMessages({}, {});
