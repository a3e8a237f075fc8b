// Serves the saved departure card when there is no network. Always the network first, so an online reader sees the
// current card (or the sign-in page); the saved copy is only the fallback. Scope: /me/departures/ (see card-offline.js).
const CACHE = "caravan-card-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") {
    return;
  }

  event.respondWith(
    fetch(event.request).catch(async () => {
      const cache = await caches.open(CACHE);
      return (await cache.match(event.request, { ignoreSearch: true })) ?? Response.error();
    }),
  );
});
