/** A self-contained, printable HTML page of the report (its tables and the charts' SVG), no scripts. */
import { currentLanguage, t } from '../../i18n';

const CSS = `body{font-family:system-ui,sans-serif;color:#1b1f24;margin:2rem;max-width:1000px}
table{border-collapse:collapse;margin:0.5rem 0 1rem;font-size:0.85rem}th,td{border:1px solid #ccd3da;padding:0.2rem 0.45rem;text-align:left}
th{background:#eef2f6}.published-row td,.published{color:#5b6670;font-style:italic}.chart-row{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0}figcaption{font-weight:600;font-size:0.9rem}button,.no-print{display:none}@media print{body{margin:0}}`;

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );
}

export function printableReport(el: HTMLElement, label: string): string {
  const clone = el.cloneNode(true) as HTMLElement;
  clone.querySelectorAll('button, input, select, .no-print').forEach((n) => n.remove());
  return `<!doctype html><html lang="${currentLanguage()}"><head><meta charset="utf-8"><title>${escapeHtml(
    t('report.printableTitle', { label }),
  )}</title><style>${CSS}</style></head><body><h1>${escapeHtml(t('report.printableHeading'))}</h1><p>${escapeHtml(
    t('report.printableGenerated', { date: new Date().toISOString() }),
  )}</p>${clone.innerHTML}</body></html>\n`;
}
