/**
 * The camera scan of a cylinder's 鋼印號碼 label, with the browser's own Shape Detection API (`BarcodeDetector`: Chromium
 * on Android has it). Where it is missing the serials are typed: no scanner library is shipped for the other browsers.
 */

/** The part of the Shape Detection API used here; TypeScript's DOM library does not declare it yet. */
interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
interface BarcodeDetectorClass {
  new (options?: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** Labels on cylinders carry linear codes or, on newer ones, a QR / Data Matrix code. */
const WANTED_FORMATS = ['code_128', 'code_39', 'code_93', 'codabar', 'itf', 'ean_13', 'qr_code', 'data_matrix'];
const SCAN_EVERY_MS = 250;

function detectorClass(scope: object = globalThis): BarcodeDetectorClass | undefined {
  return (scope as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
}

/** Whether 「掃描」 can be offered: the browser detects barcodes and has a camera API. */
export function canScan(scope: object = globalThis): boolean {
  const nav = (scope as { navigator?: Navigator }).navigator;
  return detectorClass(scope) !== undefined && typeof nav?.mediaDevices?.getUserMedia === 'function';
}

/**
 * Opens the back camera into `video` and calls `onCode` with each code read (the same code held in front of the
 * camera is reported once until another one is read). Resolves to a stop function that ends the loop and releases the camera.
 */
export async function startScanning(video: HTMLVideoElement, onCode: (value: string) => void): Promise<() => void> {
  const Detector = detectorClass();
  if (!Detector) throw new Error('BarcodeDetector unavailable');
  const supported = await Detector.getSupportedFormats();
  const formats = WANTED_FORMATS.filter((f) => supported.includes(f));
  const detector = new Detector(formats.length > 0 ? { formats } : undefined);
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  video.srcObject = stream;
  await video.play();

  let stopped = false;
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    try {
      const [code] = await detector.detect(video);
      if (code && code.rawValue && code.rawValue !== last) {
        last = code.rawValue;
        onCode(code.rawValue);
      }
    } catch {
      // A frame the detector cannot read (the video not yet playing): the next one will do.
    }
    if (!stopped) timer = setTimeout(() => void tick(), SCAN_EVERY_MS);
  };
  void tick();

  return () => {
    stopped = true;
    clearTimeout(timer);
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  };
}
