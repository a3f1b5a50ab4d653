/**
 * Scanning someone's account QR code to add them (DESIGN §4 "Identities"): with the phone's
 * camera, in person, or from a photo of the code. The camera runs only while the patient is
 * scanning: it stops as soon as a code is read, on Cancel and when the screen goes away. Frames
 * and photos are read on the phone (`qr-reader.ts`); nothing leaves it.
 *
 * Runes state (STYLE habit 11): the component shows `phase`, `looking` and `outcome` and calls
 * `start`, `stop` and `readPhoto`.
 */
import { parseAccountQr, type AccountQr } from '../access-words.ts';
import { createQrReader, type QrReader } from '../qr-reader.ts';

/** Idle; asking for the camera; showing the camera and reading its frames. */
export type ScanPhase = 'idle' | 'starting' | 'scanning';

/** How a scan or a photo ended, in words for the patient. */
export interface ScanOutcome {
  readonly read: boolean;
  readonly words: string;
}

/** How long to wait between two frames read (each read takes tens of milliseconds). */
const FRAME_INTERVAL_MS = 150;

export const SCAN_WORDS = {
  starting: 'Starting the camera…',
  looking: 'Looking for a QR code. Hold your phone so their code is inside the square.',
  notCarekey: 'That QR code is not a Carekey account code. Scan the one on their "Your safety number" screen.',
  read: 'Scanned: their account ID and safety number are filled in. Now enter a name for them.',
  denied:
    'Carekey is not allowed to use the camera. You can allow it in your browser settings, choose a photo of the code, or type their details below.',
  noCamera: 'This phone or browser has no camera Carekey can use. Choose a photo of the code, or type their details below.',
  busy: 'The camera is being used by another app. Close that app and try again, or type their details below.',
  failed: 'The camera could not be started. Choose a photo of the code, or type their details below.',
  photoNotCarekey:
    'The QR code in that photo is not a Carekey account code. Choose a photo of the code on their "Your safety number" screen, or type their details below.',
  photoNoCode: 'No QR code was found in that photo. Choose a sharp photo with the whole code in it, or type their details below.',
  photoUnreadable: 'That file is not a picture Carekey can read. Choose a photo (JPEG or PNG), or type their details below.',
} as const;

/** The words for a camera that would not start, by the DOMException name getUserMedia gave. */
function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : undefined;
  if (name === 'NotAllowedError' || name === 'SecurityError') return SCAN_WORDS.denied;
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return SCAN_WORDS.noCamera;
  if (name === 'NotReadableError' || name === 'AbortError') return SCAN_WORDS.busy;
  console.error('The camera could not be started', error);
  return SCAN_WORDS.failed;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class AccountQrScan {
  phase = $state<ScanPhase>('idle');
  /** What the camera view says while scanning: looking, or that a code is not Carekey's. */
  looking = $state<string>(SCAN_WORDS.starting);
  /** How the last scan or photo ended, for the form to say; null before the first. */
  outcome = $state.raw<ScanOutcome | null>(null);

  readonly #onread: (account: AccountQr) => void;
  #stream: MediaStream | null = null;
  #video: HTMLVideoElement | null = null;
  /** Bumped by every start and stop, so a camera or a read that arrives late is dropped. */
  #session = 0;
  #reader: Promise<QrReader> | null = null;

  /** @param onread called with the account ID and safety number of a Carekey account's code */
  constructor(onread: (account: AccountQr) => void) {
    this.#onread = onread;
  }

  /** The reader, made (and jsQR loaded, where needed) on first use. */
  #readerOnce(): Promise<QrReader> {
    this.#reader ??= createQrReader();
    return this.#reader;
  }

  /**
   * Opens the camera (the one facing away from the patient where there is one) into `video`
   * and reads its frames until a Carekey account's code is read or `stop` is called.
   */
  async start(video: HTMLVideoElement): Promise<void> {
    this.stop();
    const session = ++this.#session;
    this.phase = 'starting';
    this.looking = SCAN_WORDS.starting;
    this.outcome = null;
    let stream: MediaStream;
    try {
      if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('No camera API', 'NotFoundError');
      stream = await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: { ideal: 'environment' } } });
    } catch (error) {
      if (session !== this.#session) return;
      this.phase = 'idle';
      this.outcome = { read: false, words: cameraProblem(error) };
      return;
    }
    if (session !== this.#session) {
      // Cancelled while the camera was starting.
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.#stream = stream;
    this.#video = video;
    video.srcObject = stream;
    try {
      await video.play();
    } catch (error) {
      if (session !== this.#session) return;
      this.stop();
      this.outcome = { read: false, words: cameraProblem(error) };
      return;
    }
    if (session !== this.#session) return;
    this.phase = 'scanning';
    this.looking = SCAN_WORDS.looking;
    await this.#readFrames(video, session);
  }

  async #readFrames(video: HTMLVideoElement, session: number): Promise<void> {
    try {
      const reader = await this.#readerOnce();
      while (session === this.#session) {
        if (video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
          const texts = await reader.read(video);
          if (session !== this.#session) return;
          const account = this.#accountIn(texts);
          if (account) {
            this.stop();
            this.outcome = { read: true, words: SCAN_WORDS.read };
            this.#onread(account);
            return;
          }
          // Said once and kept while the code stays out of view, so it does not flicker.
          if (texts.length > 0) this.looking = SCAN_WORDS.notCarekey;
        }
        await sleep(FRAME_INTERVAL_MS);
      }
    } catch (error) {
      if (session !== this.#session) return;
      console.error('Reading the camera failed', error);
      this.stop();
      this.outcome = { read: false, words: SCAN_WORDS.failed };
    }
  }

  #accountIn(texts: readonly string[]): AccountQr | undefined {
    for (const text of texts) {
      const account = parseAccountQr(text);
      if (account) return account;
    }
    return undefined;
  }

  /** Stops the camera (every track, so the phone's camera light goes off) and the reading. */
  stop(): void {
    this.#session++;
    if (this.#stream) {
      for (const track of this.#stream.getTracks()) track.stop();
      this.#stream = null;
    }
    if (this.#video) {
      // So the next scan does not open on the last picture of this one.
      this.#video.srcObject = null;
      this.#video = null;
    }
    this.phase = 'idle';
  }

  /** Reads the code in a photo the patient chose (where the camera cannot be used live). */
  async readPhoto(file: File): Promise<void> {
    this.stop();
    const session = this.#session;
    this.outcome = null;
    let picture: ImageBitmap;
    try {
      picture = await createImageBitmap(file);
    } catch (error) {
      console.warn('A chosen photo could not be decoded', error);
      this.outcome = { read: false, words: SCAN_WORDS.photoUnreadable };
      return;
    }
    let texts: string[];
    try {
      texts = await (await this.#readerOnce()).read(picture);
    } catch (error) {
      console.error('Reading a chosen photo failed', error);
      if (session === this.#session) this.outcome = { read: false, words: SCAN_WORDS.photoUnreadable };
      return;
    } finally {
      picture.close();
    }
    if (session !== this.#session) return;
    const account = this.#accountIn(texts);
    if (account) {
      this.outcome = { read: true, words: SCAN_WORDS.read };
      this.#onread(account);
    } else {
      this.outcome = { read: false, words: texts.length > 0 ? SCAN_WORDS.photoNotCarekey : SCAN_WORDS.photoNoCode };
    }
  }
}
