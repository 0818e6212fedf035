/** Saves bytes or text as a file through a temporary object URL (no network). */
export function downloadBlob(data: BlobPart, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** File name part derived from a pseudonymous patient ID (safe characters only). */
export function safeName(id: string): string {
  return id.trim().replace(/[^A-Za-z0-9._-]+/g, '_') || 'case';
}
