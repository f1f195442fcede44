// The result contract (versioned). Every reporter — terminal, JSON, JUnit, HTML, CSV, PDF, the web
// app — renders from this one structure. Documented in docs/result-contract.md.
import { z } from 'zod';

export const RESULT_SCHEMA_VERSION = 1;

export const ObservationSchema = z.object({
  id: z.string(),
  pod: z.string(),
  device: z.string(),
  platform: z.string(),
  fact: z.string(),
  params: z.record(z.string(), z.unknown()),
  attempt: z.number().int(),
  command: z.string(),
  transport: z.string(),
  raw: z.string().describe('Raw output, secrets replaced by <redacted>'),
  redactions: z.number().int().describe('How many secrets were redacted from raw'),
  parsed: z.unknown().optional(),
  parseError: z.string().optional().describe('Set when raw could not be parsed; raw is kept'),
  error: z.string().optional().describe('Set when the fact could not be observed'),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number(),
});

const Verdict = z.enum(['pass', 'fail', 'error', 'skipped', 'manual']);

export interface CriterionResult {
  id: string;
  title: string;
  status: z.infer<typeof Verdict>;
  points: number;
  maxPoints: number;
  scale: 'points' | '0-3' | 'bpv';
  cruciaal: boolean;
  observe: boolean;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** Feedback the exam author wrote for students (never expected values). */
  feedbackStudent?: string;
  feedbackExaminer?: string;
  /** Ids of the observations the verdict was decided on. */
  observations: string[];
  attempts: number;
  decidedAt?: string;
  /** For all/any/not compositions: the verdict of each part. */
  parts?: CriterionPart[];
}
export interface CriterionPart {
  label: string;
  status: 'pass' | 'fail' | 'error' | 'skipped';
  message: string;
  expected?: unknown;
  actual?: unknown;
  parts?: CriterionPart[];
}

const CriterionPartSchema: z.ZodType<CriterionPart> = z.lazy(() =>
  z.object({
    label: z.string(),
    status: z.enum(['pass', 'fail', 'error', 'skipped']),
    message: z.string(),
    expected: z.unknown().optional(),
    actual: z.unknown().optional(),
    parts: z.array(CriterionPartSchema).optional(),
  }),
);

export const CriterionResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: Verdict,
  points: z.number(),
  maxPoints: z.number(),
  scale: z.enum(['points', '0-3', 'bpv']),
  cruciaal: z.boolean(),
  observe: z.boolean(),
  message: z.string(),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  feedbackStudent: z.string().optional(),
  feedbackExaminer: z.string().optional(),
  observations: z.array(z.string()),
  attempts: z.number().int(),
  decidedAt: z.string().optional(),
  parts: z.array(CriterionPartSchema).optional(),
});

export const ScoreSchema = z.object({
  method: z.enum(['grade', 'points']),
  points: z.number(),
  maxPoints: z.number().describe('Automated plus observation criteria'),
  automatedPoints: z.number(),
  automatedMax: z.number(),
  pendingObservation: z.number().int().describe('Observation criteria not yet scored by the assessor'),
  grade: z.number().optional(),
  cesuur: z.number(),
  cruciaalFailed: z.array(z.string()),
  outcome: z.enum(['voldoende', 'goed', 'onvoldoende', 'onbepaald']),
  status: z.enum(['voorlopig', 'vastgesteld']).describe('Automated results are proposals until assessors sign'),
});
export type Score = z.infer<typeof ScoreSchema>;

export const DeviceSchema = z.object({
  role: z.string(),
  platform: z.string(),
  address: z.string().optional(),
  identity: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});

export const PodResultSchema = z.object({
  pod: z.string(),
  candidate: z.object({ id: z.string(), name: z.string().optional(), class: z.string().optional() }).optional(),
  exam: z.string(),
  variables: z.record(z.string(), z.unknown()),
  devices: z.array(DeviceSchema),
  criteria: z.array(CriterionResultSchema),
  score: ScoreSchema,
  startedAt: z.string(),
  endedAt: z.string(),
});
export type PodResult = z.infer<typeof PodResultSchema>;

export const RunResultSchema = z.object({
  schema: z.literal('proeflab/result'),
  schemaVersion: z.literal(RESULT_SCHEMA_VERSION),
  run: z.object({
    id: z.string(),
    mode: z.enum(['exam', 'practice', 'ci']),
    lang: z.enum(['nl', 'en']),
    proeflabVersion: z.string(),
    startedAt: z.string(),
    endedAt: z.string(),
    host: z.string(),
    examiner: z.string().optional(),
    lab: z.string(),
    phase: z.string().optional().describe('nulmeting, zelfcontrole, eindmeting'),
  }),
  exams: z.array(
    z.object({
      id: z.string(),
      version: z.string(),
      title: z.string(),
      dossier: z.string(),
      werkprocessen: z.array(z.string()),
      sha256: z.string().describe('Hash of the exam file as loaded'),
    }),
  ),
  results: z.array(PodResultSchema),
  observations: z.array(ObservationSchema),
  summary: z.object({
    pods: z.number().int(),
    criteria: z.number().int(),
    pass: z.number().int(),
    fail: z.number().int(),
    error: z.number().int(),
    skipped: z.number().int(),
    manual: z.number().int(),
    factsRequested: z.number().int(),
    factsFetched: z.number().int(),
    exitCode: z.number().int(),
  }),
});
export type RunResult = z.infer<typeof RunResultSchema>;
