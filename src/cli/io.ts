/** The I/O a CLI command needs, injectable so tests run commands in-process without a subprocess. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array | string): void;
  /** Application version written into model files (default "unknown"). */
  appVersion?: string;
}
