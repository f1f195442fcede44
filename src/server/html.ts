// Server-rendered HTML: one layout, escaping, small form helpers. No build step, no CDN: the CSS
// and the little JavaScript there is are served by the server itself from /assets.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { t, type Lang, type ServerWords } from './i18n.js';

export const esc = (s: unknown) =>
  String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Tagged template that escapes every interpolation unless it is wrapped in raw(). */
export class Raw {
  constructor(readonly html: string) {}
  toString() {
    return this.html;
  }
}
export const raw = (s: string) => new Raw(s);
export function html(strings: TemplateStringsArray, ...values: unknown[]): Raw {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new Raw(out);
}
function render(v: unknown): string {
  if (v instanceof Raw) return v.html;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(v);
}

export function langOf(req: FastifyRequest): Lang {
  return req.session?.lang === 'en' ? 'en' : 'nl';
}
export const wordsFor = (req: FastifyRequest): ServerWords => t(langOf(req));

export function csrfField(reply: FastifyReply): Raw {
  return html`<input type="hidden" name="_csrf" value="${reply.generateCsrf()}">`;
}

export interface PageOptions {
  title: string;
  body: Raw;
  /** Breadcrumb / navigation links shown in the header. */
  nav?: { href: string; label: string; current?: boolean }[];
  /** Message shown at the top (role=status) or as an error (role=alert). */
  flash?: { kind: 'ok' | 'error'; text: string };
  scripts?: string[];
  bare?: boolean;
}

export function page(req: FastifyRequest, reply: FastifyReply, o: PageOptions): FastifyReply {
  const w = wordsFor(req);
  const lang = langOf(req);
  const token = reply.generateCsrf();
  const who = req.user
    ? html`<span class="who">${req.user.name} (${w.roles[req.user.role]})</span>
        <form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${token}"><button type="submit" class="link">${w.logout}</button></form>`
    : req.session?.student
      ? html`<span class="who">${w.candidate} ${req.session.student.number}</span>
        <form method="post" action="/student/logout" class="inline"><input type="hidden" name="_csrf" value="${token}"><button type="submit" class="link">${w.logout}</button></form>`
      : '';
  const nav = o.nav?.length
    ? html`<nav aria-label="kruimelpad"><ol>${o.nav.map((n) =>
        n.current ? html`<li><a href="${n.href}" aria-current="page">${n.label}</a></li>` : html`<li><a href="${n.href}">${n.label}</a></li>`,
      )}</ol></nav>`
    : '';
  const flash = o.flash ? html`<p class="flash flash-${o.flash.kind}" role="${o.flash.kind === 'error' ? 'alert' : 'status'}">${o.flash.text}</p>` : '';
  const doc = html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="csrf-token" content="${token}">
<title>${o.title} · proeflab</title><link rel="stylesheet" href="/assets/app.css"></head>
<body${o.bare ? raw(' class="bare"') : ''}><a class="skip" href="#main">${w.skip}</a>
<header class="top"><a class="brand" href="/">proeflab</a>${nav}<div class="right">${who}
<form method="post" action="/lang" class="inline"><input type="hidden" name="_csrf" value="${token}"><input type="hidden" name="lang" value="${lang === 'nl' ? 'en' : 'nl'}"><button type="submit" class="link" lang="${lang === 'nl' ? 'en' : 'nl'}" aria-label="${w.language}: ${w.switchTo}">${w.switchTo}</button></form></div></header>
<main id="main" tabindex="-1"><h1>${o.title}</h1>${flash}${o.body}</main>
<script src="/assets/app.js" defer></script>${(o.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
</body></html>`;
  return reply.type('text/html; charset=utf-8').send(doc.html);
}

export function errorPage(req: FastifyRequest, reply: FastifyReply, code: number, message: string): FastifyReply {
  reply.code(code);
  return page(req, reply, { title: `${code}`, body: html`<p role="alert">${message}</p><p><a href="/">${wordsFor(req).back}</a></p>` });
}

export const verdictBadge = (w: ServerWords, status: string) =>
  html`<span class="badge b-${status}">${(w as unknown as Record<string, string>)[status] ?? status}</span>`;

export function fmtTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'short', timeStyle: 'medium' });
}
