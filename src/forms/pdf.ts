// HTML → PDF with Debian's headless Chromium through playwright-core (no bundled browser).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.PROEFLAB_CHROMIUM ?? '/usr/bin/chromium';

/** Render each HTML document to a PDF file (A4, backgrounds printed). One browser for all. */
export async function htmlToPdf(docs: { html: string; out: string }[]): Promise<string[]> {
  if (!docs.length) return [];
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'proeflab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // Offline documents: refuse every network request.
    await context.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    const page = await context.newPage();
    for (const d of docs) {
      await page.setContent(d.html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      await page.pdf({ path: d.out, format: 'A4', printBackground: true, preferCSSPageSize: true });
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return docs.map((d) => d.out);
}
