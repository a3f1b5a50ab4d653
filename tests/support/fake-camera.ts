/**
 * A fake camera for the stories: Chromium plays a Y4M file as the phone's camera
 * (`--use-file-for-fake-video-capture`), opened afresh each time a page starts the camera, so a
 * story can change what the camera sees between two scans by writing the file again.
 *
 * The pictures are greyscale: a QR code drawn on a white frame with a quiet zone around it,
 * either taken from the QR code a page shows or drawn here from a text with `qrcode`.
 *
 * @see https://wiki.multimedia.cx/index.php/YUV4MPEG2
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Locator } from '@playwright/test';
import QRCode from 'qrcode';

/** A greyscale picture, one byte a pixel (0 black, 255 white), row by row. */
export interface Picture {
  readonly width: number;
  readonly height: number;
  readonly luma: Uint8Array;
}

/** Chromium's switches for a camera that plays `file`, with no permission prompt. */
export function fakeCameraArgs(file: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${file}`];
}

/** The frame the fake camera plays. */
const FRAME = { width: 640, height: 480 } as const;
/** How many frames the file holds (Chromium plays them in a loop). */
const FRAMES = 3;

/**
 * Writes a Y4M file (4:2:0, full range) of `picture` centred on a white frame. With no picture,
 * the camera sees a blank white page.
 */
export function writeFakeCamera(file: string, picture?: Picture): void {
  const { width, height } = FRAME;
  const y = new Uint8Array(width * height).fill(255);
  if (picture) {
    const left = Math.floor((width - picture.width) / 2);
    const top = Math.floor((height - picture.height) / 2);
    for (let row = 0; row < picture.height; row++) {
      y.set(picture.luma.subarray(row * picture.width, (row + 1) * picture.width), (top + row) * width + left);
    }
  }
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}

/** A QR code of `text` drawn `size` pixels square, with a quiet zone of four modules. */
export function qrPicture(text: string, size: number): Picture {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const span = modules.size + 2 * quiet;
  const luma = new Uint8Array(size * size);
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const r = Math.floor((row * span) / size) - quiet;
      const c = Math.floor((col * span) / size) - quiet;
      const dark = r >= 0 && c >= 0 && r < modules.size && c < modules.size && modules.get(r, c) === 1;
      luma[row * size + col] = dark ? 0 : 255;
    }
  }
  return { width: size, height: size, luma };
}

/**
 * The QR code a page shows (an inline SVG inside `figure`), as it looks, drawn `size` pixels
 * square by the page's own renderer on a white background.
 */
export async function shownQrPicture(figure: Locator, size: number): Promise<Picture> {
  const base64 = await figure.evaluate(async (element, side) => {
    const svg = element.querySelector('svg');
    if (!svg) throw new Error('No QR code drawn yet');
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
    try {
      const image = new Image();
      image.src = url;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = side;
      canvas.height = side;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('No 2D canvas');
      context.fillStyle = '#fff';
      context.fillRect(0, 0, side, side);
      context.imageSmoothingEnabled = false;
      context.drawImage(image, 0, 0, side, side);
      const { data } = context.getImageData(0, 0, side, side);
      let bytes = '';
      for (let i = 0; i < data.length; i += 4)
        bytes += String.fromCharCode(Math.round(((data[i] ?? 0) + (data[i + 1] ?? 0) + (data[i + 2] ?? 0)) / 3));
      return btoa(bytes);
    } finally {
      URL.revokeObjectURL(url);
    }
  }, size);
  return { width: size, height: size, luma: new Uint8Array(Buffer.from(base64, 'base64')) };
}

/** A PNG of a QR code of `text`, as a photo of it would be chosen from the phone's pictures. */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 8 });
}
