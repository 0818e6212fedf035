/**
 * A MessageError thrown in a worker reaches the main thread as a MessageError with the same code and
 * params (src/util/comlinkMessages.ts registered on both sides); a plain Error still arrives as a
 * plain Error with its own words, a non-Error value as itself. Runs a real Node worker thread behind
 * Comlink's Node adapter; without the registration the code would arrive only as the error's text.
 */
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerMessageTransfer } from '../../../src/util/comlinkMessages';
import { isMessageError, MessageError, toMessage } from '../../../src/util/message';
import { englishError } from '../../../src/i18n/render';

interface Api {
  coded(): void;
  nested(): void;
  codedLater(): Promise<void>;
  plain(): void;
  range(): void;
  notAnError(): void;
  ok(x: number): number;
}

/** A worker thread as a Comlink endpoint (what comlink's node-adapter does, typed). */
function endpoint(worker: Worker): Comlink.Endpoint {
  const listeners = new Map<EventListenerOrEventListenerObject, (data: unknown) => void>();
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      worker.postMessage(message, transfer as never),
    addEventListener(_type: string, listener: EventListenerOrEventListenerObject) {
      const l = (data: unknown) => {
        const event = { data } as MessageEvent;
        if ('handleEvent' in listener) listener.handleEvent(event);
        else listener(event);
      };
      listeners.set(listener, l);
      worker.on('message', l);
    },
    removeEventListener(_type: string, listener: EventListenerOrEventListenerObject) {
      const l = listeners.get(listener);
      if (l) worker.off('message', l);
      listeners.delete(listener);
    },
  };
}

function start(register: boolean): { worker: Worker; api: Comlink.Remote<Api> } {
  const worker = new Worker(new URL('./comlink-worker.mjs', import.meta.url), {
    env: { ...process.env, SONOMIR_REGISTER: register ? '1' : '0' },
  });
  return { worker, api: Comlink.wrap<Api>(endpoint(worker)) };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection, the call resolved');
}

let registered: ReturnType<typeof start>;
let unregistered: ReturnType<typeof start>;

beforeAll(async () => {
  registerMessageTransfer();
  registerMessageTransfer(); // twice is harmless
  registered = start(true);
  unregistered = start(false);
  // The first call waits for tsx to load the worker's modules.
  expect(await registered.api.ok(21)).toBe(42);
  expect(await unregistered.api.ok(1)).toBe(2);
}, 60_000);

afterAll(async () => {
  await registered?.worker.terminate();
  await unregistered?.worker.terminate();
});

describe('MessageError across Comlink', () => {
  it('arrives as a MessageError with the same code and params', async () => {
    const e = await rejection(registered.api.coded());
    expect(e).toBeInstanceOf(MessageError);
    expect(isMessageError(e)).toBe(true);
    expect(toMessage(e)).toEqual({ code: 'radiomics.labelMissing', params: { label: 4, labels: '1, 2, 3' } });
    expect((e as Error).message).toBe('radiomics.labelMissing');
    expect(englishError(e)).toBe('Label (4) not present in mask. Choose from [1, 2, 3]');
    // the worker's stack travels with it
    expect((e as Error).stack).toMatch(/comlink-worker/);
  });

  it('keeps a parameter that is itself a message, and works for async methods', async () => {
    const nested = await rejection(registered.api.nested());
    expect(toMessage(nested)).toEqual({
      code: 'save.failed',
      params: { what: { code: 'save.what.backup' }, message: 'disk full' },
    });
    expect(englishError(nested)).toBe('The backup failed: disk full');
    const later = await rejection(registered.api.codedLater());
    expect(toMessage(later)).toEqual({ code: 'radiomics.maskEmpty', params: {} });
  });

  it('leaves other errors as Comlink sends them', async () => {
    const plain = await rejection(registered.api.plain());
    expect(plain).toBeInstanceOf(Error);
    expect(isMessageError(plain)).toBe(false);
    expect((plain as Error).message).toBe('a plain failure');
    expect(toMessage(plain)).toEqual({ code: 'error.unexpected', params: { message: 'a plain failure' } });
    const range = await rejection(registered.api.range());
    expect(isMessageError(range)).toBe(false);
    expect(range).toMatchObject({ name: 'RangeError', message: 'Invalid array length' });
    expect(await rejection(registered.api.notAnError())).toBe('just a string');
    expect(await registered.api.ok(5)).toBe(10);
  });

  it('without the registration in the worker, only the code survives, as text (what this fixes)', async () => {
    const e = await rejection(unregistered.api.coded());
    expect(isMessageError(e)).toBe(false);
    expect((e as Error).message).toBe('radiomics.labelMissing');
  });
});
