// The appeal dossier (bezwaar/beroep) of one candidate as ONE self-contained HTML file: the
// assessment form, the verification of the bundle, the chain of runs, own-work diff, every
// observation with raw output, the full signed action log, the exam definition, the inventory,
// and every file of the bundle attached (data: links) so the commission can verify it itself.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Registry } from '../core/registry.js';
import { readActions } from '../evidence/actions.js';
import { replay } from '../evidence/assessment.js';
import { bundlesInChain, candidateOf, loadBundle, type Bundle } from '../evidence/bundle.js';
import { compareRuns } from '../evidence/ownwork.js';
import { verifyBundle } from '../evidence/verify.js';
import { FORM_CSS, formBody } from './form.js';
import { esc, formWords, type Lang } from './words.js';

const CSS = `${FORM_CSS}
pre{background:#f6f8fa;border:1px solid #d1d9e0;padding:6px;white-space:pre-wrap;word-break:break-all;font:8.5pt/1.3 "DejaVu Sans Mono",monospace}
.obs{border-left:3px solid #d1d9e0;padding-left:8px;margin:8px 0}.ok{color:#1a7f37;font-weight:700}.bad{color:#c62828;font-weight:700}
.add{color:#1a7f37}.del{color:#c62828}section{page-break-before:always}section:first-of-type{page-break-before:auto}
`;

const CHECK_NL: Record<string, string> = { complete: 'volledig', hashes: 'sha256 van elk bestand', signature: 'handtekening', trust: 'vertrouwde sleutel', chain: 'keten van metingen', consistent: 'samenhang', regrade: 'oordelen herberekend uit waarnemingen', actions: 'actielog' };
const CHECK_EN: Record<string, string> = { complete: 'complete', hashes: 'sha256 of every file', signature: 'signature', trust: 'trusted key', chain: 'chain of runs', consistent: 'consistency', regrade: 'verdicts re-computed from observations', actions: 'action log' };

export function renderDossier(dir: string, lang: Lang, o: { registry?: Registry } = {}): string {
  const w = formWords(lang);
  const b = loadBundle(dir);
  const log = readActions(dir);
  const st = replay(b, log.entries, log.problems);
  const v = verifyBundle(dir, { registry: o.registry });
  const chain = bundlesInChain(dirname(dir))
    .filter((d) => candidateOf(d) === candidateOf(dir))
    .map((d) => {
      try {
        return loadBundle(d);
      } catch {
        return undefined;
      }
    })
    .filter((x): x is Bundle => !!x);
  const baseline = chain.find((x) => x.meta.phase === 'nulmeting');
  const diff = baseline && baseline.dir !== dir ? compareRuns(baseline, b) : undefined;

  const files = readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort()
    .map((f) => {
      const data = readFileSync(join(dir, f));
      return `<li><a download="${esc(f)}" href="data:application/octet-stream;base64,${data.toString('base64')}">${esc(f)}</a> <span class="small">${data.length} bytes</span></li>`;
    });

  const obs = b.observations
    .map(
      (o) => `<div class="obs" id="obs-${esc(o.id)}"><strong>${esc(o.device)}</strong> · <code>${esc(o.command)}</code> <span class="small">#${esc(o.id)} · ${esc(o.transport)} · ${esc(o.startedAt)} → ${esc(o.endedAt)} · ${o.durationMs} ms${o.attempt > 1 ? ` · poging ${o.attempt}` : ''}${o.redactions ? ` · ${o.redactions} ${esc(w.redacted)}` : ''}</span>
${o.error ? `<div class="bad">${esc(o.error)}</div>` : ''}${o.raw ? `<pre>${esc(o.raw)}</pre>` : ''}${o.parsed !== undefined ? `<details><summary>${esc(w.parsed)}</summary><pre>${esc(JSON.stringify(o.parsed, null, 2))}</pre></details>` : ''}${o.parseError ? `<div class="small">${esc(o.parseError)}</div>` : ''}</div>`,
    )
    .join('\n');

  const actions = log.entries
    .map(
      (e) =>
        `<tr><td class="num">${e.seq}</td><td>${esc(e.type)}</td><td>${esc(e.actor)}</td><td>${esc(e.at)}</td><td>${esc(e.motivation ?? '')}</td><td><pre>${esc(JSON.stringify(e.type === 'regrade' ? { ...e.data, exam: { ...(e.data.exam as object), source: '(…)' } } : e.data, null, 1))}</pre></td><td class="small">${esc(e.key.fingerprint)}<br>prev ${esc(e.prev.slice(0, 16))}…</td></tr>`,
    )
    .join('');

  const diffHtml = diff
    ? `<p>${diff.changed} / ${diff.changed + diff.unchanged}</p>${Object.entries(diff.devices)
        .map(
          ([dev, x]) =>
            `<h3>${esc(dev)}</h3>${x.facts
              .filter((f) => f.change !== 'gelijk')
              .map((f) => `<div class="obs"><strong>[${esc(f.change)}]</strong> <code>${esc(f.command || f.fact)}</code><pre>${(f.raw?.lines ?? []).map((l) => `<span class="${l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : ''}">${esc(l)}</span>`).join('\n')}</pre></div>`)
              .join('')}`,
        )
        .join('')}`
    : `<p class="small">${esc(w.noBaseline)}</p>`;

  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${esc(w.dossierTitle)} — ${esc(b.meta.candidate?.id ?? b.meta.pod)}</title><style>${CSS}</style></head><body>
<p class="small">${esc(w.dossierTitle)} · ${esc(b.meta.candidate?.name ?? '')} ${esc(b.meta.candidate?.id ?? '')} · ${esc(new Date().toISOString())}</p>
<section>${formBody(b, st, { lang })}</section>
<section><h2>${esc(w.verification)}</h2>
<p class="${v.ok ? 'ok' : 'bad'}">${esc(v.ok ? w.valid : w.invalid)}</p>
<table>${Object.entries(v.checks).map(([k, s]) => `<tr><td>${esc((lang === 'nl' ? CHECK_NL : CHECK_EN)[k] ?? k)}</td><td class="${s === 'ok' ? 'ok' : s === 'fout' ? 'bad' : ''}">${esc(s)}</td></tr>`).join('')}</table>
${v.problems.length ? `<ul>${v.problems.map((p) => `<li class="bad">${esc(p)}</li>`).join('')}</ul>` : ''}${v.notes.map((n) => `<p class="small">${esc(n)}</p>`).join('')}
<h2>${esc(w.chain)}</h2>
<table><tr><th>#</th><th>${esc(w.phase)}</th><th>run</th><th>${esc(w.date)}</th><th>${esc(w.manifest)}</th><th>vorige</th></tr>
${chain.map((x) => `<tr${x.dir === dir ? ' style="font-weight:700"' : ''}><td>${x.meta.seq}</td><td>${esc(x.meta.phase)}</td><td>${esc(x.meta.run.id)}</td><td>${esc(x.meta.run.startedAt)}</td><td class="small">${esc(x.manifestSha256)}</td><td class="small">${esc(x.manifest.previous?.manifestSha256 ?? '—')}</td></tr>`).join('')}</table>
<h2>${esc(w.ownWork)}</h2>${diffHtml}</section>
<section><h2>${esc(w.observations)}</h2>${obs}</section>
<section><h2>${esc(w.actionLog)}</h2><table><tr><th>#</th><th>type</th><th>${esc(w.by)}</th><th>${esc(w.date)}</th><th>${esc(w.motivation)}</th><th>data</th><th>${esc(w.key)}</th></tr>${actions}</table>
${log.problems.length ? `<ul>${log.problems.map((p) => `<li class="bad">${esc(p)}</li>`).join('')}</ul>` : ''}</section>
<section><h2>${esc(w.examSource)}</h2><p class="small">sha256 ${esc(b.meta.exam.sha256)} · ${esc(b.meta.exam.file)}</p><pre>${esc(b.examSource)}</pre>
<h2>${esc(w.inventory)}</h2><pre>${esc(JSON.stringify(b.inventory, null, 2))}</pre>
<h2>${esc(w.files)}</h2><p class="small">proeflab verify &lt;map&gt; · ${esc(basename(dir))}</p><ul>${files.join('')}</ul></section>
</body></html>
`;
}

export function writeDossier(dir: string, out: string, lang: Lang): string {
  writeFileSync(out, renderDossier(dir, lang));
  return out;
}
