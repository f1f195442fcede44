// The qualification catalog: every dossier in the seeds as data (exams/dossiers/*.yaml).
import { z } from 'zod';

export const Werkproces = z
  .object({
    code: z.string().describe('e.g. B1-K2-W1 or 2.2'),
    title: z.string(),
    profiles: z.array(z.string()).default([]).describe('Profile codes this werkproces belongs to (empty: all)'),
    kind: z
      .enum(['technical', 'people'])
      .default('technical')
      .describe('technical: produces a result in a lab; people: about people and documents (observation)'),
  })
  .strict();
export type Werkproces = z.infer<typeof Werkproces>;

export const Kerntaak = z
  .object({ code: z.string(), title: z.string(), werkprocessen: z.array(Werkproces).min(1) })
  .strict();

export const Dossier = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.enum(['kwalificatiedossier', 'bpv-afsprakenlijst']).default('kwalificatiedossier'),
    crebo: z.string().optional(),
    level: z.number().int().min(1).max(4).optional(),
    /** standard = points/grade; bpv = Beginnend/Gevorderd/Bekwaam */
    scale: z.enum(['standard', 'bpv']).default('standard'),
    source: z.string().describe('Seed file this was taken from'),
    profiles: z
      .array(z.object({ code: z.string(), title: z.string(), level: z.number().int().min(1).max(4).optional() }).strict())
      .default([]),
    kerntaken: z.array(Kerntaak).min(1),
    levels: z
      .array(z.object({ code: z.string(), title: z.string(), description: z.string() }).strict())
      .optional()
      .describe('Level scale for BPV forms (Bg/G/Bk)'),
  })
  .strict();
export type Dossier = z.infer<typeof Dossier>;
