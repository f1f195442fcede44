// The assignment ("opdracht") per candidate: the exam's text rendered with the candidate's own
// variables, so copying a neighbour's answers does not work. Used by the CLI and the web app.
import type { LoadedYaml } from '../model/load.js';
import { text, type Exam } from '../model/exam.js';
import type { Lab, Pod } from '../model/lab.js';
import { drawVariables, interpolate, type VarValue } from './vars.js';

export interface Assignment {
  exam: string;
  title: string;
  werkprocessen: string[];
  pod: string;
  candidate: { id: string; name?: string; class?: string };
  variables: Record<string, VarValue>;
  text: string;
}

/** The variables a candidate gets for an exam: the same draw the runner makes. */
export function candidateVariables(exam: Exam, lab: Lab | undefined, pod: Pick<Pod, 'id' | 'candidate' | 'variables' | 'devices'>) {
  const candidateId = pod.candidate?.id ?? pod.id;
  const scope = {
    pod: { id: pod.id },
    candidate: pod.candidate ?? { id: pod.id },
    devices: Object.fromEntries(Object.entries(pod.devices).map(([r, d]) => [r, { host: d.host, port: d.port, platform: d.platform }])),
  };
  const variables = drawVariables(exam.variables, lab?.seed ?? exam.id, candidateId, pod.variables, scope);
  return { variables, scope: { ...scope, ...variables, vars: variables } };
}

export function renderAssignment(exam: LoadedYaml<Exam>, lab: Lab | undefined, pod: Pick<Pod, 'id' | 'candidate' | 'variables' | 'devices'>, lang: 'nl' | 'en' = 'nl'): Assignment {
  const e = exam.value;
  const { variables, scope } = candidateVariables(e, lab, pod);
  const body = e.opdracht ? text(e.opdracht, lang) : text(e.description, lang);
  return {
    exam: e.id,
    title: String(interpolate(text(e.title, lang), scope)),
    werkprocessen: e.werkprocessen,
    pod: pod.id,
    candidate: pod.candidate ?? { id: pod.id },
    variables,
    text: String(interpolate(body, scope)),
  };
}

/** Plain-text assignment sheet for printing. */
export function assignmentSheet(a: Assignment, lang: 'nl' | 'en' = 'nl'): string {
  const who = `${lang === 'en' ? 'Candidate' : 'Kandidaat'}: ${a.candidate.id}${a.candidate.name ? ` — ${a.candidate.name}` : ''}${a.candidate.class ? ` (${a.candidate.class})` : ''}`;
  return [`${a.title}`, `${lang === 'en' ? 'Work process' : 'Werkproces'}: ${a.werkprocessen.join(', ')}`, who, `Pod: ${a.pod}`, '', a.text.trim(), ''].join('\n');
}
