/**
 * Reading QR codes on the phone, from camera frames or a photo. Everything happens on the device:
 * no picture and no code leaves it.
 *
 * The browser's own Barcode Detection API is used where it reads QR codes (Android's Chrome,
 * macOS, ChromeOS); elsewhere (Firefox, Safari, desktop Linux) the jsQR library decodes the
 * pixels. jsQR is loaded only when a reader is first made, so the app's first load does not
 * carry it.
 *
 * @see https://wicg.github.io/shape-detection-api/#barcode-detection-api
 */

/** A picture a QR code can be read from: a playing camera preview, or a decoded photo. */
export type QrSource = HTMLVideoElement | ImageBitmap;

/** Reads the QR codes in a picture. */
export interface QrReader {
  /** The texts of the QR codes found (none when there is no readable code). */
  read(source: QrSource): Promise<string[]>;
}

/** How large a picture is searched, on its long side: a phone photo is scaled down to this. */
const MAX_SIDE = 1280;

/** The part of the Barcode Detection API used here (not yet in TypeScript's DOM types). */
interface BarcodeDetectorLike {
  detect(source: QrSource): Promise<ReadonlyArray<{ readonly rawValue: string }>>;
}

interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

/** The browser's detector, when it has one that reads QR codes. */
async function nativeReader(): Promise<QrReader | undefined> {
  const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (!Detector) return undefined;
  try {
    const formats = await Detector.getSupportedFormats();
    if (!formats.includes('qr_code')) return undefined;
    const detector = new Detector({ formats: ['qr_code'] });
    return {
      async read(source) {
        const codes = await detector.detect(source);
        return codes.map((code) => code.rawValue);
      },
    };
  } catch (error) {
    // A detector that is there but cannot run (no platform support): the library reads instead.
    console.warn('The browser cannot read QR codes itself; using jsQR', error);
    return undefined;
  }
}

function sizeOf(source: QrSource): { width: number; height: number } {
  return source instanceof HTMLVideoElement
    ? { width: source.videoWidth, height: source.videoHeight }
    : { width: source.width, height: source.height };
}

/** jsQR, loaded on first use, reading the pixels of the picture drawn (scaled down) on a canvas. */
async function libraryReader(): Promise<QrReader> {
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('This browser has no 2D canvas');
  return {
    read(source) {
      const { width, height } = sizeOf(source);
      if (width === 0 || height === 0) return Promise.resolve([]);
      const scale = Math.min(1, MAX_SIDE / Math.max(width, height));
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
      const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      // Light-on-dark codes too: a phone in dark mode may show one.
      const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
      return Promise.resolve(code ? [code.data] : []);
    },
  };
}

/**
 * A QR reader: the browser's own where it can read QR codes, else jsQR (loaded now).
 *
 * @example
 * const reader = await createQrReader();
 * const texts = await reader.read(await createImageBitmap(file));
 */
export async function createQrReader(): Promise<QrReader> {
  return (await nativeReader()) ?? (await libraryReader());
}
