/**
 * One section of the HTML report.
 *
 * @example
 * const section: ReportSection = {
 *   title: 'Results', text: 'Accuracy per stuck-device rate.',
 *   table: { header: ['rate', 'accuracy'], rows: [['0', '0.98'], ['0.1', '0.91']] }, links: [{ label: 'CSV', href: 'faults-cnn.csv' }],
 * };
 * renderHtmlReport('Faults', 'Stuck devices vs accuracy.', [section]).includes('<table'); // → true
 */
export interface ReportSection {
  title: string;
  /** Paragraph under the title (plain text). */
  text?: string;
  /** A table: header and rows of plain-text cells. */
  table?: { header: string[]; rows: string[][] };
  /** SVG figures (inline). */
  figures?: { caption: string; svg: string }[];
  /** Links to files (relative paths). */
  links?: { label: string; href: string }[];
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Renders a self-contained HTML report (inline CSS and SVG, no scripts).
 *
 * @example
 * const html = renderHtmlReport('Variability', 'Accuracy vs σ.', [
 *   { title: 'Results', table: { header: ['σ', 'accuracy'], rows: [['0', '0.98'], ['0.1', '0.97']] } },
 * ]); // → a standalone HTML page
 */
export function renderHtmlReport(title: string, intro: string, sections: ReportSection[]): string {
  const body = sections
    .map((s) => {
      const parts = [`<section><h2>${escapeHtml(s.title)}</h2>`];
      if (s.text) parts.push(`<p>${escapeHtml(s.text)}</p>`);
      if (s.table)
        parts.push(
          `<table><thead><tr>${s.table.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${s.table.rows
            .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
            .join('')}</tbody></table>`,
        );
      if (s.figures) for (const f of s.figures) parts.push(`<figure>${f.svg.replace(/^<\?xml[^>]*>/, '')}<figcaption>${escapeHtml(f.caption)}</figcaption></figure>`);
      if (s.links && s.links.length > 0) parts.push(`<p class="files">${s.links.map((l) => `<a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a>`).join(' · ')}</p>`);
      parts.push('</section>');
      return parts.join('\n');
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;font-variant-numeric:tabular-nums}
th{background:#f3f3f3}figure{display:inline-block;margin:.5em 1em .5em 0;vertical-align:top}figcaption{font-size:.85em;color:#555}
section{margin-bottom:2em}.files{font-size:.9em}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(intro)}</p>
${body}
</body></html>
`;
}
