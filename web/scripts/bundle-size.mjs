// Initial-route JS size: the entry script of dist/index.html plus every
// modulepreload it lists, gzip-compressed (the .gz the build emits, or gzip -9).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export function initialBundle(distDir) {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) files.add(m[1]);
  const rows = [...files].map((href) => {
    const path = join(distDir, href.replace(/^\//, ''));
    const raw = readFileSync(path);
    const gz = existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`) : gzipSync(raw, { level: 9 });
    return { file: href, raw: raw.length, gzip: gz.length };
  });
  const total = rows.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip }), { raw: 0, gzip: 0 });
  return { rows, ...total };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
  const r = initialBundle(dist);
  for (const row of r.rows) {
    console.log(`${row.file.padEnd(40)} ${(row.raw / 1024).toFixed(1).padStart(8)} KB  gzip ${(row.gzip / 1024).toFixed(1).padStart(7)} KB`);
  }
  console.log(`initial route JS: ${(r.raw / 1024).toFixed(1)} KB raw, ${(r.gzip / 1024).toFixed(1)} KB gzip`);
}
