// Bundle-size budget: fails when the gzipped JavaScript in dist/assets exceeds
// the budget. Run after `npm run build`.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const kBudgetBytes = 60 * 1024;
const assetsDir = join(import.meta.dirname, '..', 'dist', 'assets');

/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

/** @param {string} extension */
async function gzippedSizes(extension) {
  const names = (await readdir(assetsDir)).filter((name) => name.endsWith(extension)).sort();
  return Promise.all(
    names.map(async (name) => {
      const data = await readFile(join(assetsDir, name));
      return { name, raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
    }),
  );
}

let js;
try {
  js = await gzippedSizes('.js');
} catch {
  console.error(`No build output in ${assetsDir}; run \`npm run build\` first.`);
  process.exit(1);
}
const css = await gzippedSizes('.css');
for (const file of [...js, ...css]) {
  console.log(
    `  ${file.name.padEnd(32)} ${kib(file.raw).padStart(10)} raw ${kib(file.gzip).padStart(10)} gzip`,
  );
}
const jsTotal = js.reduce((sum, file) => sum + file.gzip, 0);
const cssTotal = css.reduce((sum, file) => sum + file.gzip, 0);
console.log(`CSS gzipped total: ${kib(cssTotal)} (not budgeted)`);
console.log(`JS gzipped total: ${kib(jsTotal)} of ${kib(kBudgetBytes)} budget`);
if (jsTotal > kBudgetBytes) {
  console.error(`Over budget by ${kib(jsTotal - kBudgetBytes)}.`);
  process.exit(1);
}
