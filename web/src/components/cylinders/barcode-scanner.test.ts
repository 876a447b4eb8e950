import { canScan } from './barcode-scanner';

const camera = { mediaDevices: { getUserMedia: () => Promise.resolve() } };

describe('whether 掃描 is offered', () => {
  it('is offered where the browser detects barcodes and has a camera API (Chromium on Android)', () => {
    expect(canScan({ BarcodeDetector: class {}, navigator: camera })).toBe(true);
  });

  it('is not offered without BarcodeDetector (Firefox, Safari, desktop Linux): the serials are typed', () => {
    expect(canScan({ navigator: camera })).toBe(false);
  });

  it('is not offered without a camera API (a page not served over HTTPS)', () => {
    expect(canScan({ BarcodeDetector: class {}, navigator: {} })).toBe(false);
  });
});
