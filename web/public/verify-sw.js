// 离线核验: lets a verifier open /verify with no network. The page stores copies of itself, its
// scripts, the logo and the scenario list (web/src/licenses/offlineCache.ts); this worker answers
// those requests from the network as usual and from the copies only when the network fails.
// Every other request passes through untouched.
const CACHE = 'ow-verify';
const KEPT = new Set(['/verify', '/favicon.svg', '/api/v1/license-scenarios']);

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!KEPT.has(url.pathname) && !url.pathname.startsWith('/assets/')) return;
  event.respondWith(
    fetch(event.request).catch(() =>
      caches
        .open(CACHE)
        .then((c) => c.match(url.pathname))
        .then((hit) => hit ?? Response.error()),
    ),
  );
});
