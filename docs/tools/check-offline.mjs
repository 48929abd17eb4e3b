// Loads every page of a built site in headless chromium with no network and fails on any problem.
// Run through docs/tools/check-offline.sh, which installs playwright-core (pinned in package-lock.json here).
//   node check-offline.mjs SITE_DIR
// Environment: CHROMIUM (default /usr/bin/chromium, Debian's package).
// Checks, on every page served from 127.0.0.1: no console error and no uncaught exception; no request to any
// other host (each is recorded and aborted, and the browser cannot resolve host names anyway); every ```mermaid
// block became an SVG diagram with nodes; and, on the home page and every page with a diagram, the search box
// answers a query with results.
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const site = path.resolve(process.argv[2] ?? '');
if (!process.argv[2] || !statSync(site, { throwIfNoEntry: false })?.isDirectory())
  fail('usage: node check-offline.mjs SITE_DIR (a directory built by mkdocs build)');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const searchQuery = 'backward';

function fail(message) {
  console.error(`check-offline: ${message}`);
  process.exit(1);
}

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.xml': 'application/xml', '.map': 'application/json',
};

// A static file server for SITE_DIR: "/x/" serves x/index.html, anything outside SITE_DIR or missing is a 404.
const server = createServer((request, response) => {
  let file = path.join(site, decodeURIComponent(new URL(request.url, 'http://127.0.0.1').pathname));
  if (file.endsWith(path.sep) || statSync(file, { throwIfNoEntry: false })?.isDirectory())
    file = path.join(file, 'index.html');
  if (!file.startsWith(site + path.sep) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    response.writeHead(404).end('not found');
    return;
  }
  response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  response.end(readFileSync(file));
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

// Every HTML file of the site, as the URL a reader would use.
function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? htmlFiles(full) : entry.name.endsWith('.html') ? [full] : [];
  });
}
const pages = htmlFiles(site).sort().map(file => {
  const relative = path.relative(site, file).split(path.sep).join('/');
  const diagrams = (readFileSync(file, 'utf8').match(/<pre class="mermaid"/g) ?? []).length;
  return { url: `${origin}/${relative.replace(/(^|\/)index\.html$/, '$1')}`, name: relative, diagrams };
});
if (pages.length === 0) fail(`no .html file under ${site}`);

const userDataDir = mkdtempSync(path.join(tmpdir(), 'autonet-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath,
  headless: true,
  args: [
    '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', // no network: no host name resolves
  ],
});

const problems = [];
const external = [];
await context.route('**/*', route => {
  const url = new URL(route.request().url());
  if (url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === origin) return route.continue();
  external.push(route.request().url());
  return route.abort('internetdisconnected');
});
// Material renders each diagram into a closed shadow root; remember the roots so the check can look inside.
await context.addInitScript(() => {
  const attach = Element.prototype.attachShadow;
  window.__shadowRoots = [];
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    window.__shadowRoots.push([this, root]);
    return root;
  };
});

let searched = 0;
async function checkPage({ url, name, diagrams }) {
  const page = await context.newPage();
  const errors = [];
  page.on('console', message => { if (message.type() === 'error') errors.push(`console error: ${message.text()}`); });
  page.on('pageerror', error => errors.push(`uncaught exception: ${error.message}`));
  page.on('request', request => {
    if (!request.url().startsWith(origin) && !/^(data|blob):/.test(request.url()))
      errors.push(`request to another host: ${request.url()}`);
  });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    if (diagrams > 0) {
      // Rendered: a div.mermaid whose shadow root holds an SVG with nodes (Mermaid's error picture has none).
      await page.waitForFunction(n => window.__shadowRoots.filter(([host, root]) =>
        host.matches('div.mermaid') && root.querySelector('svg')).length >= n, diagrams, { timeout: 20000 })
        .catch(() => {});
      const count = await page.evaluate(() => window.__shadowRoots.filter(([host, root]) =>
        host.matches('div.mermaid') && root.querySelector('svg .node') !== null
        && !/Syntax error/i.test(root.textContent ?? '')).length);
      if (count !== diagrams) errors.push(`${diagrams} mermaid diagram(s) in the page, ${count} rendered as an SVG with nodes`);
    }
    if (name === 'index.html' || diagrams > 0) {
      await page.focus('input[data-md-component="search-query"]');
      await page.keyboard.type(searchQuery);
      const answered = await page.waitForSelector('.md-search-result__item', { timeout: 20000 }).then(() => true, () => false);
      if (answered) searched++;
      else {
        const meta = await page.textContent('.md-search-result__meta').catch(() => '(no result panel)');
        errors.push(`search for "${searchQuery}" gave no result within 20 s (the panel says: ${meta?.trim()})`);
      }
    }
    await page.waitForTimeout(200); // let late console errors arrive
  } catch (error) {
    errors.push(`could not load: ${error.message.split('\n')[0]}`);
  }
  console.log(`${errors.length === 0 ? 'ok  ' : 'FAIL'} ${name}${diagrams ? ` (${diagrams} diagram${diagrams > 1 ? 's' : ''})` : ''}`);
  for (const error of errors) console.log(`       ${error}`);
  problems.push(...errors.map(error => `${name}: ${error}`));
  await page.close();
}

// A few tabs at a time (CHECK_OFFLINE_TABS, default 4): a site with many reference pages stays quick.
const queue = [...pages];
const tabs = Math.max(1, Number(process.env.CHECK_OFFLINE_TABS ?? 4));
await Promise.all(Array.from({ length: tabs }, async () => {
  for (let next = queue.shift(); next; next = queue.shift()) await checkPage(next);
}));
if (external.length > 0 && !problems.some(p => p.includes('request to another host')))
  problems.push(...external.map(url => `request to another host (from a worker): ${url}`));

await context.close();
server.close();
rmSync(userDataDir, { recursive: true, force: true });
if (problems.length > 0) fail(`${problems.length} problem(s) in ${pages.length} pages (listed above)`);
const diagramCount = pages.reduce((sum, p) => sum + p.diagrams, 0);
console.log(`check-offline: ${pages.length} pages load with no network and no console error; ` +
  `${diagramCount} diagrams rendered; search answered on ${searched} pages`);
