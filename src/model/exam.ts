// The exam definition: data, validated by zod, exported as JSON Schema for editors.
import { z } from 'zod';

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'alleen kleine letters, cijfers, punt, streepje en underscore');

/** Text that may be given in Dutch only, or per language. */
export const LocalText = z.union([
  z.string(),
  z.object({ nl: z.string(), en: z.string().optional() }).strict(),
]);
export type LocalText = z.infer<typeof LocalText>;

/** A leaf check: `kind` plus its own parameters (validated by the check kind's schema). */
export const CheckLeaf = z
  .object({
    kind: z.string().describe('Check kind, e.g. cisco.vlan, net.tcp, local.command'),
    device: z.string().optional().describe('Lab role the check targets (default: harness)'),
  })
  .catchall(z.unknown());
export type CheckLeaf = z.infer<typeof CheckLeaf>;

export type CheckExpr = CheckLeaf | { all: CheckExpr[] } | { any: CheckExpr[] } | { not: CheckExpr };
export const CheckExpr: z.ZodType<CheckExpr> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(CheckExpr).min(1) }).strict(),
    z.object({ any: z.array(CheckExpr).min(1) }).strict(),
    z.object({ not: CheckExpr }).strict(),
    CheckLeaf,
  ]),
);

const duration = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?(ms|s|m)$/, 'een duur zoals 500ms, 30s of 2m')])
  .describe('Seconds as a number, or a string like 500ms, 30s, 2m');

export const Criterion = z
  .object({
    id,
    title: LocalText,
    points: z.number().nonnegative().default(1).describe('Points for a pass (scale: points)'),
    scale: z
      .enum(['points', '0-3', 'bpv'])
      .default('points')
      .describe('points = pass gives all points; 0-3 = assessor scale; bpv = Beginnend/Gevorderd/Bekwaam'),
    cruciaal: z.boolean().default(false).describe('A failed cruciaal criterion makes the werkproces onvoldoende'),
    observe: z.boolean().default(false).describe('Scored by the assessor by observation, not automated'),
    check: CheckExpr.optional(),
    depends_on: z.array(id).default([]).describe('Criteria that must pass first; otherwise this one is skipped'),
    retry: z
      .object({ within: duration, every: duration.default(2) })
      .strict()
      .optional()
      .describe('Wait window for things that converge (routing, DHCP): re-observe until pass or time is up'),
    feedback: z
      .object({ student: LocalText.optional(), examiner: LocalText.optional() })
      .strict()
      .default({}),
    guidance: LocalText.optional().describe('For observation criteria: what the assessor looks for'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.observe && c.check) ctx.addIssue({ code: 'custom', path: ['check'], message: 'an observation criterion (observe: true) has no check' });
    if (!c.observe && !c.check)
      ctx.addIssue({ code: 'custom', path: ['check'], message: 'an automated criterion needs a check (or set observe: true)' });
  });
export type Criterion = z.infer<typeof Criterion>;

export const Variable = z.union([
  z.object({ int: z.tuple([z.number().int(), z.number().int()]).describe('Random integer in [min, max]'), not: z.array(z.number()).optional() }).strict(),
  z.object({ choice: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
  z
    .object({
      subnet: z.string().regex(/^\d+\.\d+\.\d+\.\d+\/\d+$/).describe('Pool to draw from, e.g. 10.0.0.0/8'),
      prefix: z.number().int().min(8).max(30),
    })
    .strict(),
  z.object({ value: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
  z.object({ template: z.string().describe('Built from other variables: "vlan{{vlan_users}}"') }).strict(),
]);
export type Variable = z.infer<typeof Variable>;

export const Scoring = z
  .object({
    method: z.enum(['grade', 'points']).default('grade'),
    /** grade = 1 + 9 × points/max, rounded to one decimal. */
    cesuur: z.number().default(5.5).describe('grade method: lowest passing grade; points method: lowest passing points'),
    goed: z.number().default(8).describe('grade from which the result is "goed"'),
    decimals: z.number().int().min(0).max(2).default(1),
    assessment: z
      .object({
        assessors: z.number().int().min(1).max(5).optional().describe('Assessors who must each score, agree and sign (default 2)'),
        bpv: z
          .object({ Bg: z.number().min(0).max(1), G: z.number().min(0).max(1), Bk: z.number().min(0).max(1) })
          .strict()
          .optional()
          .describe('Share of the points for Beginnend/Gevorderd/Bekwaam (default 0, 0.5, 1)'),
        cruciaal_minimum: z
          .object({ points: z.number().min(0).max(1).optional(), '0-3': z.number().int().min(0).max(3).optional(), bpv: z.enum(['Bg', 'G', 'Bk']).optional() })
          .strict()
          .optional()
          .describe('Lowest score that counts as met for a cruciaal criterion (default: all points, 2 on 0-3, G)'),
        motivation_on_deviation: z.boolean().optional().describe('Assessor must motivate a score that differs from the automated proposal (default true)'),
      })
      .strict()
      .optional()
      .describe('Scoring flow by assessors; defaults in src/core/scoring.ts'),
  })
  .strict()
  .default({ method: 'grade', cesuur: 5.5, goed: 8, decimals: 1 });
export type Scoring = z.infer<typeof Scoring>;

export const Exam = z
  .object({
    id,
    version: z.string().default('1.0.0'),
    title: LocalText,
    dossier: z.string().describe('Catalog dossier id, e.g. ict-en-mediabeheer'),
    werkprocessen: z.array(z.string()).min(1).describe('Werkproces codes from the dossier, e.g. B1-K2-W1'),
    profiles: z.array(z.string()).default([]),
    description: LocalText.optional(),
    /** Assignment text for the candidate, rendered with their variables. */
    opdracht: LocalText.optional(),
    roles: z
      .record(z.string(), z.string())
      .default({})
      .describe('Lab roles the exam needs: name → kind (cisco-ios-switch, cisco-ios-router, routeros, linux, windows, snmp, harness)'),
    variables: z.record(z.string(), Variable).default({}),
    criteria: z.array(Criterion).min(1),
    scoring: Scoring,
    scenario: z
      .object({ start: z.string().default('blank'), solution: z.string().optional() })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((exam, ctx) => {
    const ids = new Set<string>();
    exam.criteria.forEach((c, i) => {
      if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `criterion id '${c.id}' is used twice` });
      ids.add(c.id);
    });
    exam.criteria.forEach((c, i) =>
      c.depends_on.forEach((d, j) => {
        if (!ids.has(d)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'depends_on', j], message: `depends on unknown criterion '${d}'` });
      }),
    );
  });
export type Exam = z.infer<typeof Exam>;

/** Resolve a LocalText to one language (Dutch is the default, English falls back to Dutch). */
export function text(t: LocalText | undefined, lang: 'nl' | 'en' = 'nl'): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  return (lang === 'en' && t.en) || t.nl;
}
