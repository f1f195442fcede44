// JUnit XML for CI: one testsuite per pod × exam, one testcase per criterion.
import type { RunResult } from '../model/result.js';
import { fmt } from './text.js';

const esc = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '');

export function renderJunit(r: RunResult): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const s = r.summary;
  out.push(`<testsuites name="proeflab" tests="${s.criteria}" failures="${s.fail}" errors="${s.error}" skipped="${s.skipped + s.manual}">`);
  for (const p of r.results) {
    const cs = p.criteria;
    const n = (st: string) => cs.filter((c) => c.status === st).length;
    const secs = (Date.parse(p.endedAt) - Date.parse(p.startedAt)) / 1000;
    out.push(
      `  <testsuite name="${esc(`${p.pod}.${p.exam}`)}" tests="${cs.length}" failures="${n('fail')}" errors="${n('error')}" skipped="${n('skipped') + n('manual')}" time="${secs.toFixed(3)}" timestamp="${esc(p.startedAt)}">`,
    );
    for (const c of cs) {
      out.push(`    <testcase classname="${esc(`${p.pod}.${p.exam}`)}" name="${esc(`${c.id}: ${c.title}`)}">`);
      const detail = esc(`${c.message}${c.expected !== undefined ? `\nverwacht: ${fmt(c.expected)}\nwaargenomen: ${fmt(c.actual)}` : ''}`);
      if (c.status === 'fail') out.push(`      <failure message="${esc(c.message)}">${detail}</failure>`);
      else if (c.status === 'error') out.push(`      <error message="${esc(c.message)}">${detail}</error>`);
      else if (c.status === 'skipped' || c.status === 'manual') out.push(`      <skipped message="${esc(c.message)}"/>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
