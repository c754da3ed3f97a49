// Reading the visa's QR code with the device camera, through the browser's own barcode detection (BarcodeDetector:
// Chrome on Android and ChromeOS, Safari on iOS 17+ behind a flag, Edge). Where the browser has none, the page
// offers typing instead (a hand scanner that types what it reads works the same way).

interface DetectedBarcode {
  rawValue: string;
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}

type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

function detectorType(): BarcodeDetectorConstructor | null {
  return (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector ?? null;
}

/** Whether this browser can read a QR code from the camera. */
export function canScan(): boolean {
  return detectorType() !== null && typeof navigator.mediaDevices?.getUserMedia === "function";
}

/**
 * Shows the camera in the video element and resolves with the first QR code read; rejects when the camera is refused
 * or missing. stop() ends the scan (the returned promise then never resolves).
 */
export function scanQr(video: HTMLVideoElement): { result: Promise<string>; stop: () => void } {
  let stopped = false;
  let stream: MediaStream | null = null;
  const stop = () => {
    stopped = true;
    stream?.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
  const result = (async () => {
    const Detector = detectorType();
    if (!Detector) throw new Error("no barcode detection");
    const detector = new Detector({ formats: ["qr_code"] });
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    video.srcObject = stream;
    await video.play();
    while (!stopped) {
      try {
        const codes = await detector.detect(video);
        const found = codes.find((code) => code.rawValue);
        if (found) {
          stop();
          return found.rawValue;
        }
      } catch {
        // A frame not ready yet: try the next one.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return new Promise<string>(() => {});
  })();
  return { result, stop };
}
