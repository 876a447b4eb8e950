/**
 * The camera scan of a cylinder's 鋼印號碼 label. Codes are read with the browser's own Shape Detection API
 * (`BarcodeDetector`: Chromium on Android, macOS and ChromeOS) where it reads the label formats, and elsewhere (iPhone
 * Safari, Firefox, Chromium on desktop Linux and Windows) with the `barcode-detector` polyfill, ZXing-C++ compiled to
 * WebAssembly: `barcode-polyfill.ts`, its own chunk, loaded with its .wasm from our assets only when a scan starts.
 */

/** The part of the Shape Detection API used here; TypeScript's DOM library does not declare it yet. */
export interface DetectedBarcode {
  rawValue: string;
}
export interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
export interface BarcodeDetectorClass {
  new (options?: { formats: LabelFormat[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<readonly string[]>;
}

/** Labels on cylinders carry linear codes or, on newer ones, a QR / Data Matrix code. */
const WANTED_FORMATS = ['code_128', 'code_39', 'code_93', 'codabar', 'itf', 'ean_13', 'qr_code', 'data_matrix'] as const;
type LabelFormat = (typeof WANTED_FORMATS)[number];
const SCAN_EVERY_MS = 250;

/** Why a scan could not start, each worded in the dialog (`cylinders.scan.failed.<reason>`); the serials can still be typed. */
export type ScanFailure = 'cameraDenied' | 'cameraUnavailable' | 'scannerUnavailable';

export class ScanError extends Error {
  constructor(
    readonly reason: ScanFailure,
    options?: ErrorOptions,
  ) {
    super(`scan could not start: ${reason}`, options);
    this.name = 'ScanError';
  }
}

/**
 * Whether 「掃描」 can be offered: the browser has a camera API, which it gives pages served over HTTPS (or from the
 * machine itself) only. Reading the codes needs nothing of the browser: the polyfill does it where it cannot.
 */
export function canScan(scope: object = globalThis): boolean {
  const nav = (scope as { navigator?: Navigator }).navigator;
  return typeof nav?.mediaDevices?.getUserMedia === 'function';
}

/** The ZXing polyfill's detector class, its chunk and WebAssembly fetched (and the module compiled) on this first call. */
export const loadPolyfill = async (): Promise<BarcodeDetectorClass> => (await import('./barcode-polyfill')).zxingBarcodeDetector();

async function labelFormats(Detector: BarcodeDetectorClass): Promise<LabelFormat[]> {
  const supported = await Detector.getSupportedFormats();
  return WANTED_FORMATS.filter((f) => supported.includes(f));
}

/**
 * A detector for the label formats: the browser's own when it reads any of them, else the polyfill. A native class
 * reading none of them counts as missing: Chromium declares `BarcodeDetector` on platforms without a barcode service
 * and answers an empty list of formats there.
 */
export async function chooseDetector(scope: object = globalThis, polyfill: () => Promise<BarcodeDetectorClass> = loadPolyfill): Promise<BarcodeDetectorLike> {
  const Native = (scope as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  const nativeFormats = Native ? await labelFormats(Native).catch(() => []) : [];
  if (Native && nativeFormats.length > 0) return new Native({ formats: nativeFormats });
  const Polyfill = await polyfill();
  return new Polyfill({ formats: await labelFormats(Polyfill) });
}

/** What a `getUserMedia` refusal means for the driver: not allowed (asked, or by the site's settings), or no camera to open. */
export function cameraFailure(error: unknown): ScanFailure {
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'cameraDenied' : 'cameraUnavailable';
}

const release = (stream: MediaStream) => {
  for (const track of stream.getTracks()) track.stop();
};

/**
 * Opens the back camera into `video` and calls `onCode` with each code read (the same code held in front of the
 * camera is reported once until another one is read). Resolves to a stop function that ends the loop and releases the
 * camera. The camera and the detector start together (the polyfill's download overlaps the camera prompt).
 * @throws ScanError, the camera released.
 */
export async function startScanning(video: HTMLVideoElement, onCode: (value: string) => void): Promise<() => void> {
  const [camera, reader] = await Promise.allSettled([
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false }),
    chooseDetector(),
  ]);
  if (camera.status === 'rejected') throw new ScanError(cameraFailure(camera.reason), { cause: camera.reason });
  const stream = camera.value;
  if (reader.status === 'rejected') {
    release(stream);
    throw new ScanError('scannerUnavailable', { cause: reader.reason });
  }
  const detector = reader.value;
  video.srcObject = stream;
  try {
    await video.play();
  } catch (error) {
    release(stream);
    video.srcObject = null;
    throw new ScanError('cameraUnavailable', { cause: error });
  }

  let stopped = false;
  let last = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    if (stopped) return;
    try {
      const [code] = await detector.detect(video);
      if (!stopped && code && code.rawValue && code.rawValue !== last) {
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
    release(stream);
    video.srcObject = null;
  };
}
