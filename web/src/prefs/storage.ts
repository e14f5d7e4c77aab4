/** Small, failure-tolerant localStorage access (private mode or a full quota must not break the app). */
export function readPref(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writePref(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    /* ignore: the preference just won't persist */
  }
}
