// An offline copy of the departure card on the phone: an enhancement only. Without it the card still prints from the
// page and downloads as a PDF. The copy lives in this browser's cache storage until the person signs out, when the
// sign-out response clears it (Clear-Site-Data), so a shared phone does not keep someone else's card.
const button = document.getElementById("card-offline");
const status = document.getElementById("card-offline-status");

if (button && status && "serviceWorker" in navigator && "caches" in window) {
  navigator.serviceWorker.register("/js/card-offline-sw.js", { scope: "/me/departures/" }).catch(() => { button.hidden = true; });
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      const cache = await caches.open("caravan-card-v1");
      const styles = [...document.querySelectorAll("link[rel=stylesheet]")].map((l) => l.href);
      await cache.addAll([location.pathname, ...styles]);
      status.textContent = button.dataset.saved;
    } catch {
      status.textContent = button.dataset.failed;
    }
  });
}
