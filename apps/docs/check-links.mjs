// Internal link check of a built static site: every relative href/src of every HTML page must name an existing file
// (and, with a #fragment on an HTML page, an element with that id or name). Returns the broken links.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export function checkLinks(root) {
  const pages = readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
  const ids = new Map();
  const idsOf = (file) => {
    if (!ids.has(file)) {
      const html = readFileSync(file, 'utf8');
      ids.set(file, new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1])));
    }
    return ids.get(file);
  };
  const broken = [];
  for (const page of pages) {
    // The built playground's own assets are checked by its tests.
    if (relative(root, page).startsWith('playground/')) continue;
    const html = readFileSync(page, 'utf8');
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const link = m[1].replaceAll('&amp;', '&');
      if (link === '' || /^(?:[a-z]+:|\/\/|#$)/i.test(link)) continue;
      const [pathAndQuery, fragment] = link.split('#');
      const path = pathAndQuery.split('?')[0];
      const target = path === '' ? page : resolve(dirname(page), decodeURIComponent(path));
      const file = existsSync(target) && statSync(target).isDirectory() ? join(target, 'index.html') : target;
      if (!existsSync(file)) broken.push(`${relative(root, page)} → ${link}`);
      // typedoc's hierarchy page builds its anchors in the browser (from a data file): only the file is checked.
      else if (
        fragment &&
        file.endsWith('.html') &&
        !file.endsWith('hierarchy.html') &&
        !idsOf(file).has(decodeURIComponent(fragment))
      )
        broken.push(`${relative(root, page)} → ${link} (no #${fragment})`);
    }
  }
  return broken;
}
