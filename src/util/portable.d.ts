/**
 * The few platform globals the engine folders may use: present alike in browsers, workers and
 * Node ≥ 20, declared here (not from the DOM or Node libraries) so that tsconfig.core.json type-checks
 * the engine without `DOM` and without `@types/node`. Anything else (window, document, canvas,
 * localStorage, fetch…) does not exist for the engine. In the full program (tsconfig.json) these merge
 * with the DOM library's identical declarations.
 */
declare global {
  /** Cancellation of a long computation (the pipeline checks `aborted` between stages). */
  interface AbortSignal {
    readonly aborted: boolean;
    readonly reason: unknown;
  }
  interface TextEncoder {
    encode(input?: string): Uint8Array<ArrayBuffer>;
  }
  var TextEncoder: { new (): TextEncoder };
  interface SubtleCrypto {
    digest(algorithm: string, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
  }
  interface Crypto {
    readonly subtle: SubtleCrypto;
  }
  var crypto: Crypto;
  interface Performance {
    now(): number;
  }
  var performance: Performance;
}

export {};
