// Views of the result contract for an audience. Students never see expected values, examiner
// feedback or raw observations: feedback teaches, it does not give away the answer key.
import type { RunResult } from '../model/result.js';

export function studentView(r: RunResult): RunResult {
  return {
    ...r,
    results: r.results.map((p) => ({
      ...p,
      criteria: p.criteria.map((c) => {
        const { expected: _e, actual: _a, feedbackExaminer: _f, parts: _p, ...rest } = c;
        return {
          ...rest,
          message: c.status === 'error' ? 'kon niet worden waargenomen' : c.status === 'skipped' ? c.message : '',
          observations: [],
        };
      }),
    })),
    observations: [],
  };
}

export const isStudentMode = (r: RunResult) => r.run.mode === 'practice';
