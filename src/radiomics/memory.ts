/** Out-of-memory handling shared by the extraction worker and the command-line tool. */

/**
 * Run `f`, turning the engine running out of memory (V8's RangeError for a failed ArrayBuffer
 * allocation or an impossible array length) into a message that says what to do.
 */
export function withMemoryMessage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError && /allocation failed|array length|out of memory/i.test(e.message)) {
      throw new Error(
        `This ROI needs more memory than is available to the feature extraction (${e.message}). ` +
          'Close other tabs or programs and try again, or use a smaller image or ROI.',
      );
    }
    throw e;
  }
}
