/**
 * Reads the embedded demonstration files (built by scripts/build-demo.ts into public/demo/ and served
 * beside index.html as demo/…). Same-origin requests only.
 */
import type { DemoCaseList } from '../../demo/build';
import { MessageError } from '../../util/message';

/** URL of a file of the demo folder, relative to the page (works from any sub-folder). */
export function demoUrl(path: string): string {
  return new URL(`demo/${path}`, document.baseURI).toString();
}

async function fetchOk(path: string): Promise<Response> {
  const res = await fetch(demoUrl(path));
  if (!res.ok) {
    throw new MessageError('demo.fileUnreadable', { path, status: res.status });
  }
  return res;
}

export async function fetchDemoText(path: string): Promise<string> {
  return (await fetchOk(path)).text();
}

export async function fetchDemoBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await fetchOk(path)).arrayBuffer());
}

let caseList: Promise<DemoCaseList> | null = null;

/** The demo case list (cached). */
export function fetchDemoCases(): Promise<DemoCaseList> {
  caseList ??= fetchDemoText('cases.json')
    .then((t) => JSON.parse(t) as DemoCaseList)
    .catch((e: unknown) => {
      caseList = null;
      throw e;
    });
  return caseList;
}
