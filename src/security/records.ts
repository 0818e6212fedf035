/**
 * Sealing of stored records while the passphrase lock is on. A sealed case keeps in clear only what
 * the database needs to order and check it (id, dates, status, revision); everything else — patient
 * ID, image metadata and file name, ROIs, features, qPCR values, prediction, outcome — is one AES-GCM
 * box. A sealed image's bytes and file name are encrypted.
 */
import { emptyQpcrEntry } from '../qpcr/analysis';
import { decodeValue, encodeValue, fromBase64, toBase64 } from './tagged';
import type { CaseRecord, ImageRecord } from '../db/types';
import { decryptBytes, encryptBytes, openText, sealText } from './crypto';
import { MessageError } from '../util/message';

/** Reading or writing patient data while the app is locked. */
export class LockedError extends MessageError {
  override readonly name = 'LockedError';
  constructor() {
    super('security.locked');
  }
}

type Clear = Pick<CaseRecord, 'id' | 'createdAt' | 'updatedAt' | 'status' | 'revision'>;

export async function sealCase(record: CaseRecord, key: CryptoKey): Promise<CaseRecord> {
  const { id, createdAt, updatedAt, status, revision, sealed: _s, ...secret } = record;
  const clear: Clear = { id, createdAt, updatedAt, status, revision };
  return {
    ...clear,
    patientId: '',
    image: null,
    roi: null,
    roi2: null,
    features: null,
    featureUnit: 'pixel',
    qpcr: emptyQpcrEntry(),
    qpcrResult: null,
    prediction: null,
    outcome: null,
    sealed: await sealText(key, JSON.stringify(encodeValue(secret))),
  };
}

/** The clear record of a stored one (unchanged when not sealed); LockedError without a key. */
export async function openCase(stored: CaseRecord, key: CryptoKey | null): Promise<CaseRecord> {
  if (!stored.sealed) return stored;
  if (!key) throw new LockedError();
  const secret = decodeValue(JSON.parse(await openText(key, stored.sealed))) as Omit<CaseRecord, keyof Clear>;
  const { sealed: _s, ...clear } = stored;
  return {
    ...secret,
    id: clear.id,
    createdAt: clear.createdAt,
    updatedAt: clear.updatedAt,
    status: clear.status,
    revision: clear.revision,
  };
}

export async function sealImage(image: ImageRecord, key: CryptoKey): Promise<ImageRecord> {
  const bytes = new Uint8Array(await image.blob.arrayBuffer());
  const { iv, data } = await encryptBytes(key, bytes);
  return {
    caseId: image.caseId,
    blob: new Blob([data as Uint8Array<ArrayBuffer>]),
    fileName: '',
    sealed: {
      iv: toBase64(iv),
      name: await sealText(key, JSON.stringify([image.fileName, image.blob.type])),
    },
  };
}

export async function openImage(stored: ImageRecord, key: CryptoKey | null): Promise<ImageRecord> {
  if (!stored.sealed) return stored;
  if (!key) throw new LockedError();
  const [fileName, type] = JSON.parse(await openText(key, stored.sealed.name)) as [string, string];
  const bytes = await decryptBytes(
    key,
    fromBase64(stored.sealed.iv),
    new Uint8Array(await stored.blob.arrayBuffer()),
  );
  return { caseId: stored.caseId, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), fileName };
}
