// One offline HTML file a reviewer can read: summary, per pod the criteria, and for every
// verdict the observations it was decided on (command, device, time, raw output, parsed value).
import type { CriterionPart, CriterionResult, PodResult, RunResult } from '../model/result.js';
import type { Observation } from '../core/types.js';
import { words, type Lang, type Words } from './i18n.js';
import { isStudentMode } from './views.js';

const esc = (s: unknown) =>
  String(s ?? '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);
const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));

const CSS = `
:root{--pass:#1a7f37;--fail:#c62828;--error:#b26a00;--skipped:#6e7781;--manual:#0969da;--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0}
*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0}
header{padding:1rem 1.5rem;border-bottom:1px solid var(--line);background:#f6f8fa}h1{font-size:1.3rem;margin:0 0 .3rem}
main{padding:1rem 1.5rem;max-width:1200px}.muted{color:var(--muted)}.chips{display:flex;gap:.5rem;flex-wrap:wrap;margin:.5rem 0}
.chip{border:1px solid var(--line);border-radius:2rem;padding:.15rem .7rem;background:#fff;cursor:pointer;font:inherit}.chip[aria-pressed=true]{background:#1f2328;color:#fff}
section.pod{border:1px solid var(--line);border-radius:8px;margin:1rem 0;overflow:hidden}section.pod>h2{font-size:1.05rem;margin:0;padding:.6rem 1rem;background:#f6f8fa;border-bottom:1px solid var(--line)}
.score{padding:.5rem 1rem;border-top:1px solid var(--line);background:#fbfcfd}.outcome-onvoldoende{color:var(--fail);font-weight:600}.outcome-voldoende,.outcome-goed{color:var(--pass);font-weight:600}.outcome-onbepaald{color:var(--error);font-weight:600}
details.crit{border-top:1px solid var(--line)}details.crit:first-of-type{border-top:0}details.crit>summary{padding:.45rem 1rem;cursor:pointer;display:flex;gap:.6rem;align-items:baseline;list-style:none}
details.crit>summary::-webkit-details-marker{display:none}.badge{display:inline-block;min-width:7.5rem;font-size:.8rem;font-weight:600;border-radius:4px;padding:.05rem .4rem;color:#fff;text-align:center}
.b-pass{background:var(--pass)}.b-fail{background:var(--fail)}.b-error{background:var(--error)}.b-skipped{background:var(--skipped)}.b-manual{background:var(--manual)}
.pts{margin-left:auto;color:var(--muted);white-space:nowrap}.cru{font-size:.75rem;border:1px solid var(--fail);color:var(--fail);border-radius:4px;padding:0 .3rem}
.body{padding:.3rem 1rem 1rem 2rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.3rem 0}dt{color:var(--muted)}dd{margin:0}
pre{background:#f6f8fa;border:1px solid var(--line);border-radius:6px;padding:.6rem;overflow:auto;max-height:28rem;font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre}
.obs{border-left:3px solid var(--line);padding-left:.7rem;margin:.6rem 0}.obs h4{margin:.2rem 0;font-size:.9rem}.warn{color:var(--error)}
table.devices{border-collapse:collapse;margin:.5rem 1rem}table.devices td,table.devices th{border-bottom:1px solid var(--line);padding:.2rem .6rem;text-align:left;font-size:.9rem}
footer{padding:1rem 1.5rem;color:var(--muted);font-size:.85rem}
@media print{.chips{display:none}details{display:block}details>*{display:block!important}}
`;

const JS = `
document.querySelectorAll('.chip').forEach(function(b){b.addEventListener('click',function(){
 document.querySelectorAll('.chip').forEach(function(x){x.setAttribute('aria-pressed',x===b?'true':'false')});
 var f=b.dataset.filter;document.querySelectorAll('details.crit').forEach(function(d){d.hidden=!(f==='all'||d.dataset.status===f)});});});
if(location.hash){var t=document.getElementById(location.hash.slice(1));if(t&&t.tagName==='DETAILS')t.open=true;}
`;

export function renderHtml(r: RunResult, opts: { lang?: Lang } = {}): string {
  const lang = opts.lang ?? r.run.lang;
  const w = words(lang);
  const student = isStudentMode(r);
  const obsById = new Map(r.observations.map((o) => [o.id, o as Observation]));
  const s = r.summary;
  const chip = (f: string, label: string, n: number) => `<button class="chip" data-filter="${f}" aria-pressed="${f === 'all'}">${esc(label)} (${n})</button>`;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(w.title)} — ${esc(r.exams.map((e) => e.title).join(', '))}</title><style>${CSS}</style></head>
<body><header><h1>${esc(w.title)}: ${esc(r.exams.map((e) => `${e.title} [${e.werkprocessen.join(', ')}]`).join('; '))}</h1>
<div class="muted">${esc(w.mode)}: ${esc(r.run.mode)} · lab ${esc(r.run.lab)} · ${esc(r.run.startedAt)} – ${esc(r.run.endedAt)} · run ${esc(r.run.id)}${r.run.examiner ? ` · ${esc(r.run.examiner)}` : ''}</div>
<div class="chips" role="toolbar" aria-label="filter">${chip('all', w.criteria, s.criteria)}${chip('pass', w.pass, s.pass)}${chip('fail', w.fail, s.fail)}${chip('error', w.error, s.error)}${chip('skipped', w.skipped, s.skipped)}${chip('manual', w.manual, s.manual)}</div>
</header><main>
${r.results.map((p) => renderPod(p, r, w, obsById, student)).join('\n')}
</main><footer>${esc(w.generated)} proeflab ${esc(r.run.proeflabVersion)} · ${esc(r.schema)} v${r.schemaVersion} · ${s.factsFetched} ${esc(w.factsFetched)} (${s.factsRequested} ${esc(w.factsRequested)})
${r.exams.map((e) => `<br>${esc(e.id)} ${esc(e.version)} sha256 ${esc(e.sha256)}`).join('')}</footer>
<script>${JS}</script></body></html>
`;
}

function renderPod(p: PodResult, r: RunResult, w: Words, obs: Map<string, Observation>, student: boolean): string {
  const exam = r.exams.find((e) => e.id === p.exam);
  const who = p.candidate ? ` · ${w.candidate} ${esc(p.candidate.id)}${p.candidate.name ? ` (${esc(p.candidate.name)})` : ''}` : '';
  const sc = p.score;
  const devices = student
    ? ''
    : `<table class="devices"><tr><th>${esc(w.device)}</th><th>platform</th><th>adres</th><th>${esc(w.identity)}</th></tr>${p.devices
        .map(
          (d) =>
            `<tr><td>${esc(d.role)}</td><td>${esc(d.platform)}</td><td>${esc(d.address ?? '')}</td><td>${
              d.error ? `<span class="warn">${esc(d.error)}</span>` : esc(Object.entries(d.identity ?? {}).map(([k, v]) => `${k}=${v}`).join(' '))
            }</td></tr>`,
        )
        .join('')}</table>`;
  return `<section class="pod" id="pod-${esc(p.pod)}-${esc(p.exam)}"><h2>${esc(w.pod)} ${esc(p.pod)}${who} · ${esc(exam?.title ?? p.exam)}</h2>
${devices}
${p.criteria.map((c) => renderCriterion(p, c, w, obs, student)).join('\n')}
<div class="score"><strong>${esc(w[sc.status])}</strong>: ${sc.points}/${sc.maxPoints} ${esc(w.points)}${sc.grade !== undefined ? ` · ${esc(w.grade)} ${sc.grade.toFixed(1)}` : ''} · <span class="outcome-${sc.outcome}">${esc(w[sc.outcome])}</span>${
    sc.cruciaalFailed.length ? ` · <span class="outcome-onvoldoende">${esc(w.cruciaalFailed)}: ${esc(sc.cruciaalFailed.join(', '))}</span>` : ''
  }${sc.pendingObservation ? ` · ${sc.pendingObservation} ${esc(w.pendingObservation)}` : ''}</div></section>`;
}

function renderCriterion(p: PodResult, c: CriterionResult, w: Words, obs: Map<string, Observation>, student: boolean): string {
  const id = `c-${p.pod}-${p.exam}-${c.id}`;
  const body: string[] = [];
  if (student) {
    if (c.feedbackStudent && c.status !== 'pass') body.push(`<p>${esc(c.feedbackStudent)}</p>`);
    else if (c.message) body.push(`<p>${esc(c.message)}</p>`);
  } else {
    body.push(`<dl><dt>${esc(w.criterion)}</dt><dd>${esc(c.id)}</dd>`);
    if (c.message) body.push(`<dt>${esc(w.actual)}</dt><dd>${esc(c.message)}</dd>`);
    if (c.expected !== undefined) body.push(`<dt>${esc(w.expected)}</dt><dd><code>${esc(show(c.expected))}</code></dd><dt></dt><dd><code>${esc(show(c.actual))}</code></dd>`);
    if (c.feedbackExaminer) body.push(`<dt>${esc(w.feedback)}</dt><dd>${esc(c.feedbackExaminer)}</dd>`);
    if (c.attempts > 1) body.push(`<dt>pogingen</dt><dd>${c.attempts}</dd>`);
    body.push('</dl>');
    if (c.parts) body.push(`<ul>${c.parts.map(renderPart).join('')}</ul>`);
    for (const oid of c.observations) {
      const o = obs.get(oid);
      if (o) body.push(renderObservation(o, w));
    }
  }
  return `<details class="crit" id="${esc(id)}" data-status="${c.status}"><summary><span class="badge b-${c.status}">${esc(w[c.status])}</span><span>${esc(c.title)}</span>${
    c.cruciaal ? ` <span class="cru">${esc(w.cruciaal)}</span>` : ''
  }<span class="pts">${c.observe ? '' : `${c.points}/${c.maxPoints}`}</span></summary><div class="body">${body.join('\n')}</div></details>`;
}

function renderPart(p: CriterionPart): string {
  return `<li><span class="badge b-${p.status}">${esc(p.status)}</span> ${esc(p.message)}${p.parts ? `<ul>${p.parts.map(renderPart).join('')}</ul>` : ''}</li>`;
}

function renderObservation(o: Observation, w: Words): string {
  const notes: string[] = [];
  if (o.redactions) notes.push(`${o.redactions} ${w.redacted}`);
  if (o.parseError) notes.push(`${w.parseError}: ${o.parseError}`);
  return `<div class="obs"><h4>${esc(o.device)} · <code>${esc(o.command)}</code></h4>
<div class="muted">${esc(o.transport)} · ${esc(o.startedAt)} · ${o.durationMs} ms${o.attempt > 1 ? ` · poging ${o.attempt}` : ''}${notes.length ? ` · <span class="warn">${esc(notes.join(' · '))}</span>` : ''}</div>
${o.error ? `<p class="warn">${esc(o.error)}</p>` : ''}${o.raw ? `<pre>${esc(o.raw)}</pre>` : ''}${
    o.parsed !== undefined ? `<details><summary>parsed</summary><pre>${esc(JSON.stringify(o.parsed, null, 2))}</pre></details>` : ''
  }</div>`;
}
