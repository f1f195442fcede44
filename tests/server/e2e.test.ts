// End to end in real headless Chromium (Debian's chromium, driven by playwright-core): first-run
// set-up, an examiner creates a session and runs the demo lab, watches the live overview,
// overrides a criterion with motivation, a second assessor agrees and signs, and a student signs
// in and self-checks without seeing expected values. Screenshots go to tests/.tmp/screenshots.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/core/exams.js';
import { makeServer, startDemoLab, writeDemoFiles } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(REPO_ROOT, 'tests', '.tmp', 'screenshots');
const ADMIN_PW = 'beheerder-wachtwoord-2026';
const PW = 'gebruiker-wachtwoord-2026';
/** Retry until the page shows what is expected (the browser updates asynchronously). */
const poll = <T>(fn: () => Promise<T>, o: { timeout?: number } = {}) => expect.poll(fn, { timeout: o.timeout ?? 10_000, interval: 100 });

describe.skipIf(!existsSync(CHROMIUM))('web app in headless Chromium', () => {
  let ctx: Awaited<ReturnType<typeof makeServer>>;
  let demo: Awaited<ReturnType<typeof startDemoLab>>;
  let browser: BrowserContext;
  let page: Page;
  let base: string;
  let profile: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ctx = await makeServer();
    demo = await startDemoLab(join(ctx.dir, 'demo'));
    base = await ctx.server.app.listen({ host: '127.0.0.1', port: 0 });
    profile = mkdtempSync(join(tmpdir(), 'proeflab-chromium-'));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
    });
    browser.setDefaultTimeout(5_000);
    page = browser.pages()[0] ?? (await browser.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
    await demo?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  /** Screenshot of the page, after checking the basics of accessibility on it. */
  const shot = async (name: string) => {
    const problems = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: any }).document;
      const out: string[] = [];
      for (const el of d.querySelectorAll('input:not([type=hidden]), select, textarea'))
        if (!el.labels?.length && !el.getAttribute('aria-label')) out.push(`no label: ${el.outerHTML.slice(0, 80)}`);
      for (const el of d.querySelectorAll('button, a[href]')) if (!(el.textContent ?? '').trim() && !el.getAttribute('aria-label')) out.push(`no name: ${el.outerHTML.slice(0, 80)}`);
      if (d.querySelectorAll('h1').length !== 1) out.push('not exactly one h1');
      if (!d.documentElement.lang) out.push('no lang');
      const ids = [...d.querySelectorAll('[id]')].map((e: any) => e.id);
      for (const id of new Set(ids.filter((x: string, i: number) => ids.indexOf(x) !== i))) out.push(`duplicate id ${id}`);
      return out;
    });
    expect(problems, name).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  };

  async function signIn(username: string, password: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}/`);
  }
  async function signOut() {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(/\/login$/);
  }

  it('first run: the administrator account is created in the browser', async () => {
    await page.goto(base);
    expect(page.url()).toBe(`${base}/setup`);
    await poll(() => page.locator('h1').innerText().then((t) => t.trim())).toBe('Eerste gebruik: beheerder aanmaken');
    await shot('01-setup');
    await page.getByLabel('Set-up-code').fill(ctx.server.setupToken!);
    await page.getByLabel('Gebruikersnaam', { exact: true }).fill('beheer');
    await page.getByLabel('Naam', { exact: true }).fill('Beheerder ROC');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(ADMIN_PW);
    await page.getByLabel('Wachtwoord (nogmaals)').fill(ADMIN_PW);
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.waitForURL(/\/login\?setup=1$/);
    await poll(() => page.getByRole('status').innerText()).toContain('Beheerder aangemaakt');
    await shot('02-login');
    await signIn('beheer', ADMIN_PW);
    for (const [username, name, role] of [
      ['jdebruin', 'Jan de Bruin', 'examiner'],
      ['fyilmaz', 'Fatma Yilmaz', 'assessor'],
    ]) {
      await page.goto(`${base}/admin/users`);
      await page.locator('#u-username').fill(username);
      await page.locator('#u-name').fill(name);
      await page.locator('#u-role').selectOption(role);
      await page.locator('#u-password').fill(PW);
      await page.locator('#u-password2').fill(PW);
      await page.getByRole('button', { name: 'Aanmaken' }).click();
      await page.waitForURL(`${base}/admin/users`);
    }
    await poll(() => page.locator('table.grid').innerText()).toContain('Fatma Yilmaz');
    await shot('03-accounts');
    await signOut();
  });

  let code = '';

  it('an examiner creates a session, runs baseline and final run and watches the live overview', async () => {
    await signIn('jdebruin', PW);
    await page.getByRole('link', { name: 'Nieuwe examenzitting' }).click();
    await page.getByLabel('Naam van de zitting').fill('Proeve B1-K2-W2 klas ICT4A');
    await page.getByLabel('oefenen').check();
    await page.getByRole('checkbox', { name: /Intranetserver en DNS/ }).check();
    const files = writeDemoFiles(demo.labFile, join(ctx.dir, 'upload'));
    await page.getByLabel('Labinventaris (lab.yaml)').setInputFiles(files.lab);
    await page.getByLabel('Geheimen van het lab').setInputFiles(files.secrets);
    await page.getByLabel(/Kandidaten \(CSV/).setInputFiles(files.candidates);
    await shot('04-new-session');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    await page.waitForURL(/\/sessions\/\d+$/);
    await poll(() => page.locator('h1').innerText().then((t) => t.trim())).toBe('Proeve B1-K2-W2 klas ICT4A');
    await poll(() => page.locator('main').innerText()).toContain('Daan Jansen');
    code = (await page.locator('code.code[data-pod="pod02"]').textContent())!.trim();
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);

    await page.getByLabel('Gebruikersnaam').fill('fyilmaz');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await poll(() => page.locator('main').innerText()).toContain('Fatma Yilmaz (fyilmaz)');

    await page.getByRole('button', { name: 'Nulmeting alle pods' }).click();
    await poll(() => page.getByRole('status').innerText()).toContain('wachtrij');
    await ctx.server.jobs.idle();

    // Live overview in one tab, the final run started from another.
    const sessionUrl = page.url().split('?')[0];
    await page.getByRole('link', { name: 'Live overzicht' }).click();
    await poll(() => page.locator('#pod-pod02').innerText()).toContain('nulmeting');
    const other = await browser.newPage();
    await other.goto(sessionUrl);
    await other.getByRole('button', { name: 'Eindmeting alle pods' }).click();
    await other.waitForURL(/queued=/);
    await other.close();
    await poll(() => page.locator('#pod-pod02 .phase').innerText().then((t) => t.trim()), { timeout: 20_000 }).toBe('eindmeting');
    await ctx.server.jobs.idle();
    await poll(() => page.locator('#pod-pod02 .state').innerText().then((t) => t.trim()), { timeout: 10_000 }).toBe('klaar');
    await poll(() => page.locator('#pod-pod01 .state').innerText().then((t) => t.trim()), { timeout: 10_000 }).toBe('klaar');
    await poll(() => page.locator('#pod-pod02 ul.failing').innerText()).toContain('startpagina');
    await poll(() => page.locator('#pod-pod01 .counts').innerText()).toContain('0 niet behaald');
    await shot('05-live');

    await page.goto(`${sessionUrl}/sheets`);
    await poll(() => page.locator('article.sheet').first().innerText()).toContain('www.100001.examen.lab');
    await shot('06-sheets');

    await page.goto(sessionUrl);
    await page.locator('#sc-detail').selectOption('criteria');
    await page.getByLabel('Openen').check();
    await page.getByLabel('Aantal zelfcontroles').fill('3');
    await page.getByLabel(/Wachttijd/).fill('0');
    await page.getByRole('button', { name: 'Opslaan' }).first().click();
    await poll(() => page.locator('#h-sc').innerText()).toContain('Zelfcontrole open');
    await shot('07-session');
  });

  it('the examiner overrides a criterion with a motivation, scores the observation and signs', async () => {
    await page.getByRole('link', { name: 'Beoordelen', exact: true }).first().click();
    await shot('08-review-list');
    await page.getByRole('link', { name: 'pod02' }).click();
    const crit = page.locator('#c-demo-intranet-startpagina');
    await crit.locator(':scope > summary').click();
    await poll(() => crit.locator('pre.raw').innerText()).toContain('It works!');
    // A score other than the automated proposal is an override: the browser asks for the motivation too.
    await crit.getByLabel('Uw score').selectOption('2');
    await crit.getByRole('button', { name: 'Opslaan' }).click();
    expect(await crit.getByLabel('Motivering (verplicht)').evaluate((e) => (e as unknown as { validity: { valid: boolean } }).validity.valid)).toBe(false);
    await crit.getByLabel('Motivering (verplicht)').fill('Tijdens de demonstratie toonde de pagina de juiste tekst; proxycache.');
    await crit.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/#c-demo-intranet-startpagina$/);
    await poll(() => page.locator('#c-demo-intranet-startpagina > summary .badge').count()).toBe(2);

    const obs = page.locator('#c-demo-intranet-toelichting');
    await obs.locator(':scope > summary').click();
    await obs.getByLabel('Uw score').selectOption('2');
    await obs.getByLabel('Motivering (verplicht)').fill('Legt alias en MX helder uit in de taal van de klant.');
    await obs.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/#c-demo-intranet-toelichting$/);
    await page.getByRole('button', { name: 'Ondertekenen' }).click();
    await poll(() => page.getByRole('status').innerText()).toContain('Wacht op de tweede beoordelaar');
    await page.locator('#c-demo-intranet-startpagina > summary').click();
    await shot('09-review-examiner');
    await signOut();
  });

  it('a second assessor scores independently, agrees and signs; the examiner signs: the result is final', async () => {
    await signIn('fyilmaz', PW);
    await page.getByRole('link', { name: 'Beoordelen' }).first().click();
    await page.getByRole('link', { name: 'pod02' }).click();
    await poll(() => page.locator('main').textContent()).toContain('verborgen tot u zelf alle observatiecriteria heeft gescoord');
    expect(await page.locator('main').textContent()).not.toContain('proxycache');
    const obs = page.locator('#c-demo-intranet-toelichting');
    await obs.locator(':scope > summary').click();
    await obs.getByLabel('Uw score').selectOption('2');
    await obs.getByLabel('Motivering (verplicht)').fill('Duidelijke uitleg over CNAME en MX aan de opdrachtgever.');
    await obs.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/#c-demo-intranet-toelichting$/);
    // Signing now confirms the other proposals and finds the difference on startpagina.
    await page.getByRole('button', { name: 'Ondertekenen' }).click();
    await poll(() => page.getByRole('alert').innerText()).toContain('startpagina');
    await poll(() => page.locator('.scorebox').innerText()).toContain('oneens (startpagina)');
    const crit = page.locator('#c-demo-intranet-startpagina');
    await crit.locator(':scope > summary').click();
    await crit.getByLabel('Uw score').selectOption('2');
    await crit.getByLabel('Motivering (verplicht)').fill('Eens met de examinator na het bekijken van de opname.');
    await crit.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForURL(/#c-demo-intranet-startpagina$/);
    await page.getByRole('button', { name: 'Ondertekenen' }).click();
    await poll(() => page.getByRole('status').innerText()).toContain('Ondertekend door');
    await poll(() => page.locator('.scorebox').innerText()).toContain('Overeenstemming vastgelegd door Fatma Yilmaz');
    await shot('10-review-second-assessor');
    await signOut();

    await signIn('jdebruin', PW);
    await page.getByRole('link', { name: 'Beoordelen' }).first().click();
    await page.getByRole('link', { name: 'pod02' }).click();
    await page.getByRole('button', { name: 'Ondertekenen' }).click();
    await poll(() => page.getByRole('status').innerText()).toContain('vastgestelde uitslag');
    await poll(() => page.locator('.scorebox').innerText()).toContain('Vastgestelde uitslag');
    await poll(() => page.locator('.scorebox').innerText()).toContain('Fatma Yilmaz (fyilmaz)');
    await shot('11-review-final');
    await signOut();
  });

  it('a student signs in with the code and self-checks without seeing expected values', async () => {
    await page.goto(`${base}/student/login`);
    await shot('12-student-login');
    await page.getByLabel('Inlogcode').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${base}/student`);
    await poll(() => page.locator('h1').innerText().then((t) => t.trim())).toBe('Jouw pod: pod02');
    await page.getByRole('button', { name: 'Controleer mijn lab' }).click();
    // student.js polls and reloads when the check is done.
    await poll(() => page.locator('p.count').innerText(), { timeout: 30_000 }).toContain('van de 10 criteria behaald');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Controleer de inhoud van de startpagina');
    for (const secret of ['It works!', 'localhost', 'verwacht', 'Sanne', 'pod01']) expect(text).not.toContain(secret);
    await shot('13-student');
    // Keyboard: the skip link is the first stop and leads to the content.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } | null } }).document.activeElement?.textContent)).toBe('Naar de inhoud');
    // English on request.
    await page.getByRole('button', { name: /English/ }).click();
    await poll(() => page.locator('h1').innerText().then((t) => t.trim())).toBe('Your pod: pod02');
    await shot('14-student-en');
    expect(pageErrors).toEqual([]);
  });
});
