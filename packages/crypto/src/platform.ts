/**
 * The few platform APIs this package uses beyond libsodium, declared here because the package
 * compiles without DOM or Node types (it must run in both). They exist in every browser and in
 * Node ≥ 19 as globals.
 */

export interface EcPublicJwk {
  readonly kty: 'EC';
  readonly crv: 'P-256';
  readonly x: string;
  readonly y: string;
}

interface SubtleLike {
  importKey(
    format: 'jwk',
    key: EcPublicJwk,
    algorithm: { name: 'ECDSA'; namedCurve: 'P-256' },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  importKey(format: 'raw', key: Uint8Array, algorithm: { name: 'AES-GCM' }, extractable: boolean, usages: string[]): Promise<unknown>;
  verify(algorithm: { name: 'ECDSA'; hash: 'SHA-256' }, key: unknown, signature: Uint8Array, data: Uint8Array): Promise<boolean>;
  encrypt(
    algorithm: { name: 'AES-GCM'; iv: Uint8Array; additionalData?: Uint8Array },
    key: unknown,
    data: Uint8Array,
  ): Promise<ArrayBuffer>;
  decrypt(
    algorithm: { name: 'AES-GCM'; iv: Uint8Array; additionalData?: Uint8Array },
    key: unknown,
    data: Uint8Array,
  ): Promise<ArrayBuffer>;
}

declare const crypto: {
  getRandomValues<T extends Uint8Array>(array: T): T;
  readonly subtle: SubtleLike;
};

/** The platform CSPRNG and WebCrypto. */
export const platformCrypto = (): typeof crypto => crypto;

interface ByteReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(): Promise<void>;
}
interface ByteStreamLike {
  pipeThrough(transform: unknown): { getReader(): ByteReader };
}
declare const DecompressionStream: new (format: 'deflate-raw') => unknown;
declare const Blob: new (parts: Uint8Array[]) => { stream(): ByteStreamLike };

/** Raised when inflating would produce more than the caller allows (a decompression bomb). */
export class InflateLimitError extends Error {}

/**
 * Inflates raw DEFLATE (RFC 1951) with the platform's DecompressionStream, stopping as soon as
 * the output passes `maxBytes`: a few kilobytes of crafted input could otherwise fill memory.
 *
 * @throws InflateLimitError past `maxBytes`; the platform's error for damaged input
 */
export async function inflateRawBytes(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (!value) continue;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new InflateLimitError(`inflated content passes ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
