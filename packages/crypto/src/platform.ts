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

interface ByteStreamLike {
  pipeThrough(transform: unknown): unknown;
}
declare const DecompressionStream: new (format: 'deflate-raw') => unknown;
declare const Blob: new (parts: Uint8Array[]) => { stream(): ByteStreamLike };
declare const Response: new (body: unknown) => { arrayBuffer(): Promise<ArrayBuffer> };

/** Inflates raw DEFLATE (RFC 1951) with the platform's DecompressionStream. */
export async function inflateRawBytes(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
