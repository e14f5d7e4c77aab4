/** A screen area's messages: the English dictionary must have exactly the Chinese keys. */
export function defineMessages<K extends string>(zh: Record<K, string>, en: Record<K, string>) {
  return { zh, en };
}
