/**
 * A private Orthanc for tests (unit, browser, bench): Debian's `orthanc` + `orthanc-dicomweb`,
 * started in the foreground as a child process with a temporary configuration — storage in a temp
 * dir, DICOM port off, HTTP on a free 127.0.0.1 port, no remote access, DICOMweb plugin at
 * `/dicom-web/` — and stopped by its PID. It never touches the system Orthanc service (port
 * 8042/4242, /var/lib/orthanc).
 *
 * Usage:
 *   const pacs = await startOrthanc({ users: { alice: 'secret' } });   // Basic auth on
 *   … fetch(`${pacs.url}/dicom-web/studies`) …
 *   await pacs.stop();
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ORTHANC_BIN = process.env.ORTHANC_BIN ?? '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN =
  process.env.ORTHANC_DICOMWEB_PLUGIN ?? '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** Why Orthanc cannot run here (binary or plugin missing), or null when it can. */
export function orthancMissing(): string | null {
  if (!existsSync(ORTHANC_BIN)) return `Orthanc is not installed (${ORTHANC_BIN}; apt-get install orthanc)`;
  if (!existsSync(DICOMWEB_PLUGIN)) {
    return `the Orthanc DICOMweb plugin is not installed (${DICOMWEB_PLUGIN}; apt-get install orthanc-dicomweb)`;
  }
  return null;
}

export interface OrthancOptions {
  /** Basic-auth users (name → password); when given, AuthenticationEnabled is on. */
  users?: Record<string, string>;
  /**
   * A Lua script, e.g. a filter that refuses instances so STOW-RS answers with a FailedSOPSequence:
   * `function ReceivedInstanceFilter(dicom, origin, info) return dicom.Modality ~= 'SR' end`.
   */
  lua?: string;
  /** Milliseconds to wait for `/system` (default 20 000). */
  startTimeoutMs?: number;
}

export interface OrthancInstance {
  /** http://127.0.0.1:<port> (no trailing slash). */
  url: string;
  /** `${url}/dicom-web`. */
  dicomWeb: string;
  port: number;
  pid: number;
  /** Authorization header value for the first configured user (undefined without users). */
  authHeader?: string;
  /** Orthanc's stdout/stderr so far (for failure messages). */
  log(): string;
  /** Kills Orthanc by its PID, waits for it to exit, removes the temp dir. Idempotent. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts a private Orthanc and resolves when `/system` answers. */
export async function startOrthanc(options: OrthancOptions = {}): Promise<OrthancInstance> {
  const missing = orthancMissing();
  if (missing) throw new Error(missing);
  const dir = await mkdtemp(path.join(tmpdir(), 'sonomir-orthanc-'));
  const users = options.users ?? {};
  const auth = Object.keys(users).length > 0;
  const luaFiles: string[] = [];
  if (options.lua) {
    const file = path.join(dir, 'filter.lua');
    await writeFile(file, options.lua);
    luaFiles.push(file);
  }
  let lastError: Error | null = null;
  // A port found free can be taken before Orthanc binds it: try a few ports.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const config = {
      Name: 'sonomir-test',
      StorageDirectory: path.join(dir, 'storage'),
      IndexDirectory: path.join(dir, 'storage'),
      HttpServerEnabled: true,
      HttpPort: port,
      DicomServerEnabled: false,
      DicomPort: 0,
      RemoteAccessAllowed: false,
      AuthenticationEnabled: auth,
      RegisteredUsers: users,
      Plugins: [DICOMWEB_PLUGIN],
      LuaScripts: luaFiles,
      DefaultEncoding: 'Utf8',
      SaveJobs: false,
      ConcurrentJobs: 1,
      HttpThreadsCount: 8,
      StorageCompression: false,
      OverwriteInstances: false,
      DicomWeb: {
        Enable: true,
        Root: '/dicom-web/',
        EnableWado: false,
        Host: `127.0.0.1:${port}`,
        Ssl: false,
      },
    };
    const cfgFile = path.join(dir, 'orthanc.json');
    await writeFile(cfgFile, JSON.stringify(config, null, 2));
    const child = spawn(ORTHANC_BIN, [cfgFile], { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    const authHeader = auth
      ? `Basic ${Buffer.from(`${Object.keys(users)[0]}:${Object.values(users)[0]}`).toString('base64')}`
      : undefined;
    const deadline = Date.now() + (options.startTimeoutMs ?? 20_000);
    let up = false;
    while (Date.now() < deadline && child.exitCode === null) {
      try {
        const res = await fetch(`${url}/system`, {
          headers: authHeader ? { Authorization: authHeader } : {},
        });
        if (res.ok) {
          await res.arrayBuffer();
          up = true;
          break;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    if (!up) {
      child.kill('SIGKILL');
      await exited(child);
      lastError = new Error(`Orthanc did not start on port ${port}:\n${log.slice(-2000)}`);
      continue;
    }
    let stopped = false;
    return {
      url,
      dicomWeb: `${url}/dicom-web`,
      port,
      pid: child.pid!,
      authHeader,
      log: () => log,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // SIGKILL: the storage is thrown away anyway, and a graceful stop costs ~2.5 s per server.
        if (child.exitCode === null) {
          child.kill('SIGKILL');
          await exited(child);
        }
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw lastError ?? new Error('Orthanc did not start');
}

/** Uploads Part 10 files through Orthanc's REST API (`POST /instances`); returns Orthanc's answers. */
export async function uploadToOrthanc(
  pacs: OrthancInstance,
  files: Uint8Array[],
): Promise<Array<{ ID: string; Status: string }>> {
  const out: Array<{ ID: string; Status: string }> = [];
  for (const f of files) {
    const res = await fetch(`${pacs.url}/instances`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/dicom',
        ...(pacs.authHeader ? { Authorization: pacs.authHeader } : {}),
      },
      body: f as Uint8Array<ArrayBuffer>,
    });
    if (!res.ok) throw new Error(`Orthanc refused an upload: HTTP ${res.status} ${await res.text()}`);
    out.push((await res.json()) as { ID: string; Status: string });
  }
  return out;
}
