// Beoordelingsformulier: one per candidate per werkproces, rendered from the bundle's result
// contract plus its action log (proposals, each assessor's raw scores, final scores, motivation,
// evidence references, signatures, corrections). Printable on A4; PDF via pdf.ts.
import { interpolateDeep } from '../core/vars.js';
import { text } from '../model/exam.js';
import type { CriterionResult } from '../model/result.js';
import { effectiveResult, type AssessmentState, type ScoreValue } from '../evidence/assessment.js';
import type { Bundle } from '../evidence/bundle.js';
import { esc, formWords, type Lang, type Words } from './words.js';

export const FORM_CSS = `
@page{size:A4;margin:14mm 12mm}
*{box-sizing:border-box}body{font:10.5pt/1.35 "DejaVu Sans",system-ui,sans-serif;color:#1f2328;margin:0;padding:16px}
h1{font-size:16pt;margin:0 0 4px}h2{font-size:12pt;margin:18px 0 6px;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #9aa4ad;padding:3px 5px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:#e8edf2;font-weight:600;overflow-wrap:break-word;font-size:9pt}th.who{font-weight:400;overflow-wrap:anywhere}table.meta td{border:none;padding:1px 8px 1px 0}table.meta td:first-child{color:#555;width:9em}
.status{display:inline-block;padding:2px 8px;border-radius:3px;font-weight:700}.st-voorlopig{background:#fff3cd;border:1px solid #c9a400}.st-vastgesteld{background:#d5f0dc;border:1px solid #1a7f37}
.pass{color:#1a7f37}.fail{color:#c62828}.error{color:#b26a00}.skipped,.manual{color:#555}.cru{font-size:8pt;border:1px solid #c62828;color:#c62828;border-radius:3px;padding:0 3px;white-space:nowrap}
.small{font-size:8.5pt;color:#444}.num{text-align:right;white-space:nowrap}.total td{font-weight:700;background:#f3f5f7}
.sig{overflow-wrap:anywhere;display:inline-block;width:48%;border:1px solid #9aa4ad;padding:6px;margin:4px 1% 4px 0;min-height:70px;vertical-align:top}
.note{font-size:9pt;color:#444;margin:6px 0}footer{margin-top:16px;font-size:8pt;color:#555;word-break:break-all}
.onvoldoende{color:#c62828;font-weight:700}.voldoende,.goed{color:#1a7f37;font-weight:700}.onbepaald{color:#b26a00;font-weight:700}
tr{page-break-inside:avoid}
table.crit{table-layout:fixed}td.ev{word-break:break-all;font-size:8pt}td.ev code{font-size:7.5pt}
@media print{body{padding:0}}
`;

/** Criterion titles in the form's language, with the candidate's own values (falls back to the recorded titles). */
export function titlesIn(bundle: Bundle, lang: Lang): Map<string, string> {
  const out = new Map(bundle.pod.criteria.map((c) => [c.id, c.title]));
  if (lang === bundle.result.run.lang) return out;
  const pod = bundle.inventory.pods.find((p) => p.id === bundle.meta.pod);
  const vars = bundle.pod.variables;
  const scope = {
    pod: { id: bundle.meta.pod },
    candidate: bundle.meta.candidate ?? { id: bundle.meta.pod },
    devices: Object.fromEntries(Object.entries(pod?.devices ?? {}).map(([r, d]) => [r, { host: d.host, port: d.port, platform: d.platform }])),
    ...vars,
    vars,
  };
  for (const c of bundle.exam.value.criteria) {
    try {
      out.set(c.id, text(interpolateDeep(c.title, scope), lang));
    } catch {
      /* keep the recorded title */
    }
  }
  return out;
}

const fmtScore = (c: CriterionResult, v: ScoreValue | undefined, points?: number) => {
  if (v === undefined) return '—';
  if (c.scale === 'points') return `${v}`;
  return `${v}${points !== undefined ? ` <span class="small">(${points} p)</span>` : ''}`;
};

const date = (iso: string | undefined, lang: Lang) => (iso ? new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'Europe/Amsterdam', dateStyle: 'medium', timeStyle: 'short' }) : '—');

/** The body of a form (also embedded in the appeal dossier). */
export function formBody(bundle: Bundle, st: AssessmentState, o: { lang: Lang; werkproces?: string }): string {
  const w = formWords(o.lang);
  const eff = effectiveResult(bundle, st).results[0];
  const titles = titlesIn(bundle, o.lang);
  const examTitle = text(bundle.exam.value.title, o.lang);
  const assessors = st.agreement?.assessors ?? Object.keys(st.assessors);
  const obsById = new Map(bundle.observations.map((x) => [x.id, x]));
  const cand = bundle.meta.candidate;
  const sc = eff.score;
  const rows = bundle.pod.criteria.map((c, i) => {
    const prop = st.proposals[c.id];
    const fin = st.final?.[c.id] ?? (st.agreement ? st.agreement.final[c.id] : undefined);
    const motivations = [
      ...assessors.map((a) => st.assessors[a]?.scores[c.id]?.motivation && `${esc(a)}: ${esc(st.assessors[a].scores[c.id].motivation)}`),
      st.agreement?.final[c.id]?.motivation && `${esc(w.final)}: ${esc(st.agreement.final[c.id].motivation)}`,
      ...st.corrections.filter((e) => e.data.criterion === c.id || (e.data.changes as { criterion: string }[] | undefined)?.some((x) => x.criterion === c.id)).map((e) => `#${e.seq} ${esc(e.actor)}: ${esc(e.motivation)}`),
    ].filter(Boolean);
    const evidence = c.observations
      .map((id) => obsById.get(id))
      .filter((x) => !!x)
      .map((x) => `<div class="small">${esc(x!.device)} · <code>${esc(x!.command)}</code> · ${esc(x!.startedAt.slice(11, 19))} · #${esc(x!.id.slice(0, 8))}${x!.redactions ? ` · ${x!.redactions} ${esc(w.redacted)}` : ''}</div>`)
      .join('');
    return `<tr><td class="num">${i + 1}</td><td>${esc(titles.get(c.id) ?? c.title)}<div class="small">${esc(c.id)} · ${esc(c.scale)}${c.observe ? ` · ${esc(w.manual)}` : ''}</div>${c.cruciaal ? ` <span class="cru">${esc(w.cruciaal)}</span>` : ''}</td>
<td><span class="${c.status}">${esc(w[c.status])}</span><div class="small">${prop?.score !== undefined ? `${fmtScore(c, prop.score)} / ${c.scale === '0-3' ? 3 : c.scale === 'bpv' ? 'Bk' : c.maxPoints}` : ''}${prop && prop.source !== 'automatisch' ? ` (${esc(prop.source)})` : ''}</div>${c.status !== 'pass' && c.message && !c.observe ? `<div class="small">${esc(c.message)}</div>` : ''}</td>
${assessors.map((a) => { const s = st.assessors[a]?.scores[c.id]; return `<td class="num">${s ? fmtScore(c, s.score, c.scale === 'points' ? undefined : s.points) : '—'}</td>`; }).join('')}
<td class="num"><strong>${fin ? fmtScore(c, fin.score, c.scale === 'points' ? undefined : fin.points) : '—'}</strong></td>
<td>${motivations.join('<br>') || ''}</td><td class="ev">${evidence}</td></tr>`;
  });
  const sigs = assessors.length
    ? assessors
        .map((a) => {
          const s = st.signatures.find((x) => x.assessor === a);
          return `<div class="sig"><strong>${esc(w.assessor)}: ${esc(a)}</strong><br>${s ? `${esc(w.signed)} ${esc(date(s.at, o.lang))}<br><span class="small">${esc(w.key)} ${esc(s.fingerprint)}</span>` : `<span class="small">${esc(w.notSigned)}</span>`}</div>`;
        })
        .join('')
    : `<p class="small">${esc(w.notSigned)}</p>`;
  const corrections = [...st.corrections, ...st.irregularities].sort((a, b) => a.seq - b.seq);
  return `<h1>${esc(w.formTitle)}</h1>
<table class="meta">
<tr><td>${esc(w.exam)}</td><td><strong>${esc(examTitle)}</strong> (${esc(bundle.exam.value.id)} ${esc(bundle.exam.value.version)})</td></tr>
<tr><td>${esc(w.werkproces)}</td><td><strong>${esc(o.werkproces ?? bundle.exam.value.werkprocessen.join(', '))}</strong> · ${esc(w.dossier)} ${esc(bundle.exam.value.dossier)}</td></tr>
<tr><td>${esc(w.candidate)}</td><td><strong>${esc(cand?.name ?? '')}</strong> ${esc(w.candidateId)} ${esc(cand?.id ?? '—')}${cand?.class ? ` · ${esc(w.class)} ${esc(cand.class)}` : ''} · ${esc(w.pod)} ${esc(bundle.meta.pod)}</td></tr>
<tr><td>${esc(w.date)}</td><td>${esc(date(bundle.meta.run.startedAt, o.lang))} · ${esc(w.phase)}: ${esc(bundle.meta.phase)} · ${esc(w.examiner)}: ${esc(bundle.meta.examiner ?? '—')}</td></tr>
<tr><td>${esc(w.status)}</td><td><span class="status st-${st.status}">${esc(w[st.status])}${st.version ? ` · ${esc(w.version)} ${st.version}` : ''}</span></td></tr>
</table>
${st.status === 'voorlopig' ? `<p class="note">${esc(w.proposalNote)}</p>` : ''}
<h2>${esc(w.criterion)}</h2>
<table class="crit"><colgroup><col style="width:4%"><col style="width:21%"><col style="width:17%">${assessors.map(() => '<col style="width:8%">').join('')}<col style="width:9%"><col style="width:${Math.max(12, 25 - 4 * assessors.length)}%"><col></colgroup>
<thead>${
    assessors.length
      ? `<tr><th rowspan="2">${esc(w.nr)}</th><th rowspan="2">${esc(w.criterion)}</th><th rowspan="2">${esc(w.proposal)}</th><th colspan="${assessors.length}">${esc(w.assessors)}</th><th rowspan="2">${esc(w.final)}</th><th rowspan="2">${esc(w.motivation)}</th><th rowspan="2">${esc(w.evidence)}</th></tr><tr>${assessors.map((a) => `<th class="who">${esc(a)}</th>`).join('')}</tr>`
      : `<tr><th>${esc(w.nr)}</th><th>${esc(w.criterion)}</th><th>${esc(w.proposal)}</th><th>${esc(w.final)}</th><th>${esc(w.motivation)}</th><th>${esc(w.evidence)}</th></tr>`
  }</thead>
<tbody>${rows.join('\n')}
<tr class="total"><td></td><td>${esc(w.total)}</td><td colspan="${assessors.length + 3}">${sc.points}/${sc.maxPoints} ${esc(w.points)}${sc.grade !== undefined ? ` · ${esc(w.grade)} ${sc.grade.toFixed(1)}` : ''} · ${esc(w.outcome)}: <span class="${sc.outcome}">${esc(w[sc.outcome])}</span> <span class="small">(${esc(w.cesuur)} ${sc.cesuur})</span>${sc.cruciaalFailed.length ? ` · <span class="fail">${esc(w.cruciaalFailed)}: ${esc(sc.cruciaalFailed.join(', '))}</span>` : ''}${sc.pendingObservation ? ` · ${sc.pendingObservation} ${esc(w.pendingObservation)}` : ''}</td><td></td></tr>
</tbody></table>
<h2>${esc(w.corrections)}</h2>
${corrections.length ? `<ul>${corrections.map((e) => `<li>#${e.seq} <strong>${esc(w[e.type as 'override' | 'regrade' | 'irregularity'] ?? e.type)}</strong> ${esc(w.by)} ${esc(e.actor)}, ${esc(date(e.at, o.lang))}: ${esc(e.motivation ?? '')}${e.data.criterion ? ` <span class="small">(${esc(e.data.criterion)}${e.data.score !== undefined ? ` → ${esc(e.data.score)}` : ''})</span>` : ''}<div class="small">${esc(w.key)} ${esc(e.key.fingerprint)}</div></li>`).join('')}</ul>` : `<p class="small">${esc(w.noCorrections)}</p>`}
<h2>${esc(w.signatures)}</h2>${sigs}
<footer>${esc(w.bundle)} ${esc(bundle.meta.bundleId)} · ${esc(w.manifest)} ${esc(bundle.manifestSha256)} · ${esc(w.examHash)} ${esc(bundle.meta.exam.sha256)} · proeflab ${esc(bundle.meta.proeflabVersion)} · ${esc(w.retention)} ${esc(bundle.meta.retention.until)}</footer>`;
}

export function renderForm(bundle: Bundle, st: AssessmentState, o: { lang: Lang; werkproces?: string }): string {
  const w: Words = formWords(o.lang);
  return `<!doctype html>
<html lang="${o.lang}"><head><meta charset="utf-8"><title>${esc(w.formTitle)} — ${esc(bundle.meta.candidate?.id ?? bundle.meta.pod)} — ${esc(o.werkproces ?? '')}</title><style>${FORM_CSS}</style></head>
<body>${formBody(bundle, st, o)}</body></html>
`;
}
