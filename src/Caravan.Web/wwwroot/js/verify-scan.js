// Optional camera scanning on /verify, where the browser can read QR codes itself (BarcodeDetector): the decoded text
// goes into the same field a person would type or paste into, and the form is sent as usual. Browsers without it, or
// people who refuse the camera, keep the typed path; nothing here is needed to verify a card or certificate.
const box = document.getElementById("verify-scan");
const start = document.getElementById("verify-scan-start");
const stop = document.getElementById("verify-scan-stop");
const video = document.getElementById("verify-scan-video");
const status = document.getElementById("verify-scan-status");
const field = document.getElementById("value");
const form = document.getElementById("verify-form");

if (box && start && stop && video && status && field && form && "BarcodeDetector" in window && navigator.mediaDevices?.getUserMedia) {
  let stream = null;
  let timer = null;

  const end = () => {
    clearInterval(timer);
    stream?.getTracks().forEach((t) => t.stop());
    stream = null;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  };

  box.hidden = false;
  stop.addEventListener("click", () => { end(); status.textContent = ""; });
  start.addEventListener("click", async () => {
    try {
      const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
      video.srcObject = stream;
      video.hidden = false;
      start.hidden = true;
      stop.hidden = false;
      await video.play();
      status.textContent = box.dataset.scanning;
      timer = setInterval(async () => {
        const [code] = await detector.detect(video).catch(() => []);
        if (code?.rawValue) {
          end();
          field.value = code.rawValue;
          form.requestSubmit();
        }
      }, 300);
    } catch {
      end();
      status.textContent = box.dataset.failed;
    }
  });
}
