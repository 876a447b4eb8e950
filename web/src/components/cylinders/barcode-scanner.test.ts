import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ZXING_WASM_SHA256 } from 'barcode-detector/ponyfill';
import { cameraFailure, canScan, chooseDetector, type BarcodeDetectorClass } from './barcode-scanner';

const camera = { mediaDevices: { getUserMedia: () => Promise.resolve() } };

/** A detector class reading `formats`, recording the formats each detector was made for. */
function aDetectorClass(formats: readonly string[]) {
  const made: string[][] = [];
  const Detector = class {
    constructor(options?: { formats: string[] }) {
      made.push(options?.formats ?? []);
    }
    static getSupportedFormats = () => Promise.resolve(formats);
    detect = () => Promise.resolve([]);
  };
  return { Detector: Detector as BarcodeDetectorClass, made };
}

describe('whether 掃描 is offered', () => {
  it('is offered wherever the browser has a camera API, with or without BarcodeDetector (iPhone Safari, Firefox, desktop Chromium read through the polyfill)', () => {
    expect(canScan({ BarcodeDetector: class {}, navigator: camera })).toBe(true);
    expect(canScan({ navigator: camera })).toBe(true);
  });

  it('is not offered without a camera API (a page not served over HTTPS): the serials are typed', () => {
    expect(canScan({ BarcodeDetector: class {}, navigator: {} })).toBe(false);
    expect(canScan({ navigator: { mediaDevices: {} } })).toBe(false);
    expect(canScan({})).toBe(false);
  });
});

describe('which detector reads the labels', () => {
  it('is the browser’s own where it reads label formats (Chromium on Android), asked for those only, the polyfill never loaded', async () => {
    const native = aDetectorClass(['qr_code', 'code_128', 'upc_a', 'aztec']);
    const polyfill = jest.fn<Promise<BarcodeDetectorClass>, []>();
    const detector = await chooseDetector({ BarcodeDetector: native.Detector }, polyfill);
    expect(detector).toBeInstanceOf(native.Detector);
    expect(native.made).toEqual([['code_128', 'qr_code']]);
    expect(polyfill).not.toHaveBeenCalled();
  });

  it('is the polyfill, loaded then, where the browser has no BarcodeDetector (iPhone Safari, Firefox, desktop Linux)', async () => {
    const zxing = aDetectorClass(['aztec', 'code_128', 'code_39', 'code_93', 'codabar', 'data_matrix', 'ean_13', 'itf', 'qr_code', 'upc_a']);
    const polyfill = jest.fn(() => Promise.resolve(zxing.Detector));
    const detector = await chooseDetector({}, polyfill);
    expect(detector).toBeInstanceOf(zxing.Detector);
    expect(polyfill).toHaveBeenCalledTimes(1);
    expect(zxing.made).toEqual([['code_128', 'code_39', 'code_93', 'codabar', 'itf', 'ean_13', 'qr_code', 'data_matrix']]);
  });

  it('is the polyfill where the browser declares BarcodeDetector but reads no label format, or fails to say which', async () => {
    const zxing = aDetectorClass(['code_128', 'qr_code']);
    const none = aDetectorClass([]);
    await expect(chooseDetector({ BarcodeDetector: none.Detector }, () => Promise.resolve(zxing.Detector))).resolves.toBeInstanceOf(zxing.Detector);
    const broken = Object.assign(class {}, { getSupportedFormats: () => Promise.reject(new Error('no barcode service')) });
    await expect(chooseDetector({ BarcodeDetector: broken }, () => Promise.resolve(zxing.Detector))).resolves.toBeInstanceOf(zxing.Detector);
    expect(none.made).toEqual([]);
  });

  it('fails with the polyfill’s load failure (its WebAssembly not fetched): the dialog says the scanner is unavailable', async () => {
    const offline = new TypeError('Failed to fetch');
    await expect(chooseDetector({}, () => Promise.reject(offline))).rejects.toBe(offline);
  });

  it('is served the WebAssembly that barcode-detector’s ZXing reader was built with (the one Vite bundles from zxing-wasm)', () => {
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    expect(createHash('sha256').update(wasm).digest('hex')).toBe(ZXING_WASM_SHA256);
  });
});

describe('why the camera did not open', () => {
  it('is a refusal when the driver or the site settings did not allow it, else no camera to open', () => {
    expect(cameraFailure(new DOMException('Permission denied', 'NotAllowedError'))).toBe('cameraDenied');
    expect(cameraFailure(new DOMException('Insecure', 'SecurityError'))).toBe('cameraDenied');
    expect(cameraFailure(new DOMException('Requested device not found', 'NotFoundError'))).toBe('cameraUnavailable');
    expect(cameraFailure(new DOMException('Could not start video source', 'NotReadableError'))).toBe('cameraUnavailable');
    expect(cameraFailure(undefined)).toBe('cameraUnavailable');
  });
});
