/**
 * Encryption at rest with WebCrypto: AES-GCM with a 256-bit key derived from the passphrase by
 * PBKDF2-SHA-256 (600,000 iterations by default, random 16-byte salt), a fresh random 12-byte IV per
 * encrypted value. The key is never extractable and never stored; a check value encrypted with it
 * lets a passphrase be verified before any record is touched.
 */
import { fromBase64, toBase64 } from './tagged';

/** Production PBKDF2 iteration count (OWASP 2023 recommendation for PBKDF2-HMAC-SHA-256). */
export const PBKDF2_ITERATIONS = 600_000;
/** Plain text of the check value. */
export const CHECK_PLAINTEXT = 'SonoMiR passphrase check v1';

/** An encrypted value: base64 IV and base64 ciphertext (with the GCM tag). */
export interface SealedBox {
  iv: string;
  data: string;
}

/** What is stored (in `meta`, key 'lock') while the passphrase lock is on. */
export interface LockSettings {
  version: 1;
  kdf: 'PBKDF2-SHA-256';
  iterations: number;
  /** base64 salt (16 random bytes). */
  salt: string;
  /** {@link CHECK_PLAINTEXT} encrypted with the key. */
  check: SealedBox;
  /** Minutes without input after which the app locks itself. */
  autoLockMinutes: number;
  enabledAt: string;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** The AES-GCM-256 key of a passphrase (non-extractable). */
export async function deriveKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<CryptoKey> {
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new Error('PBKDF2 iterations must be a positive integer');
  const base = await crypto.subtle.importKey('raw', enc.encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function encryptBytes(
  key: CryptoKey,
  bytes: Uint8Array,
): Promise<{ iv: Uint8Array; data: Uint8Array }> {
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, bytes as Uint8Array<ArrayBuffer>);
  return { iv, data: new Uint8Array(data) };
}

/** Throws (OperationError) when the key is wrong or the data were altered. */
export async function decryptBytes(key: CryptoKey, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const out = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> },
    key,
    data as Uint8Array<ArrayBuffer>,
  );
  return new Uint8Array(out);
}

export async function sealText(key: CryptoKey, text: string): Promise<SealedBox> {
  const { iv, data } = await encryptBytes(key, enc.encode(text));
  return { iv: toBase64(iv), data: toBase64(data) };
}

export async function openText(key: CryptoKey, box: SealedBox): Promise<string> {
  return dec.decode(await decryptBytes(key, fromBase64(box.iv), fromBase64(box.data)));
}

/** New lock settings and the key for a passphrase. */
export async function createLock(
  passphrase: string,
  iterations = PBKDF2_ITERATIONS,
  autoLockMinutes = 15,
): Promise<{ settings: LockSettings; key: CryptoKey }> {
  const salt = randomBytes(16);
  const key = await deriveKey(passphrase, salt, iterations);
  return {
    key,
    settings: {
      version: 1,
      kdf: 'PBKDF2-SHA-256',
      iterations,
      salt: toBase64(salt),
      check: await sealText(key, CHECK_PLAINTEXT),
      autoLockMinutes,
      enabledAt: new Date().toISOString(),
    },
  };
}

/** The key if `passphrase` is right (the check value decrypts), otherwise null. Touches nothing. */
export async function verifyPassphrase(
  settings: LockSettings,
  passphrase: string,
): Promise<CryptoKey | null> {
  const key = await deriveKey(passphrase, fromBase64(settings.salt), settings.iterations);
  try {
    return (await openText(key, settings.check)) === CHECK_PLAINTEXT ? key : null;
  } catch {
    return null;
  }
}
