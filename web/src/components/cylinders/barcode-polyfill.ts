import { BarcodeDetector, prepareZXingModule, purgeZXingModule } from 'barcode-detector/ponyfill';
// The reader's WebAssembly, emitted into dist/assets under a content hash and served by us: the package would fetch it
// from jsDelivr, which the CSP refuses (connect-src) and a driver on a weak signal may not reach. It is the build
// barcode-detector's reader expects (barcode-scanner.test.ts pins the two together).
import zxingReaderWasm from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * The ZXing polyfill of `BarcodeDetector`, for browsers without one: imported only by `loadPolyfill`, so Vite puts it in
 * its own chunk, loaded on the first scan.
 */

// One object for the module's life: ZXing compares the overrides shallowly and would fetch and compile again for a new one.
const OVERRIDES = { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? zxingReaderWasm : prefix + path) };

/** Fetches and compiles the WebAssembly now (once per page), so a failure is known when the scan starts, not swallowed frame by frame. */
export async function zxingBarcodeDetector(): Promise<typeof BarcodeDetector> {
  try {
    await prepareZXingModule({ overrides: OVERRIDES, fireImmediately: true });
  } catch (error) {
    // ZXing keeps the failed attempt and would hand it to every later scan, even with the signal back.
    purgeZXingModule();
    throw error;
  }
  return BarcodeDetector;
}
