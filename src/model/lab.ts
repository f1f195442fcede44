// The lab inventory: pods, each with a candidate and devices. Credentials are references to
// environment variables or a secrets file, never secrets inline.
import { z } from 'zod';

const SecretRef = z
  .union([
    z.object({ env: z.string().describe('Environment variable holding the value') }).strict(),
    z.object({ file: z.string().describe('Key in the secrets file') }).strict(),
  ])
  .describe('Where a secret comes from: {env: VAR} or {file: key-in-secrets-file}');
export type SecretRef = z.infer<typeof SecretRef>;

export const Credential = z
  .object({
    username: z.union([z.string(), SecretRef]).optional(),
    password: SecretRef.optional(),
    secret: SecretRef.optional().describe('Enable secret (Cisco) or sudo password (Linux)'),
    private_key: SecretRef.optional(),
    community: SecretRef.optional().describe('SNMP v1/v2c community'),
    auth_key: SecretRef.optional().describe('SNMPv3 authentication key'),
    priv_key: SecretRef.optional().describe('SNMPv3 privacy key'),
  })
  .strict();
export type Credential = z.infer<typeof Credential>;

export const Device = z
  .object({
    platform: z.string().describe('Driver platform: cisco-ios, routeros, linux, windows, snmp, local, net'),
    host: z.string().optional(),
    port: z.number().int().min(1).max(65535).optional(),
    transport: z.string().optional().describe('ssh, telnet, console, api, api-ssl, ...'),
    credentials: z.string().optional().describe('Name of an entry under credentials:'),
    host_key: z.string().optional().describe('Pinned SSH host key fingerprint, SHA256:...'),
    max_sessions: z.number().int().min(1).optional(),
    timeout: z.number().positive().optional().describe('Seconds per command'),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type Device = z.infer<typeof Device>;

export const Pod = z
  .object({
    id: z.string().min(1),
    candidate: z
      .object({
        id: z.string().describe('Kandidaatnummer'),
        name: z.string().optional(),
        class: z.string().optional(),
      })
      .strict()
      .optional(),
    devices: z.record(z.string(), Device),
    /** Fixed variable values for this pod (override the exam's random draw). */
    variables: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  })
  .strict();
export type Pod = z.infer<typeof Pod>;

export const Lab = z
  .object({
    name: z.string().default('lab'),
    secrets_file: z.string().optional().describe('YAML file with secret values, relative to this file'),
    seed: z.string().optional().describe('Seed for per-candidate variables (default: the exam id)'),
    credentials: z.record(z.string(), Credential).default({}),
    defaults: z
      .object({ timeout: z.number().positive().optional(), max_sessions: z.number().int().min(1).optional() })
      .strict()
      .default({}),
    pods: z.array(Pod).min(1),
  })
  .strict()
  .superRefine((lab, ctx) => {
    const seen = new Set<string>();
    lab.pods.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['pods', i, 'id'], message: `pod id '${p.id}' is used twice` });
      seen.add(p.id);
      for (const [role, d] of Object.entries(p.devices))
        if (d.credentials && !(d.credentials in lab.credentials))
          ctx.addIssue({
            code: 'custom',
            path: ['pods', i, 'devices', role, 'credentials'],
            message: `unknown credentials '${d.credentials}' (known: ${Object.keys(lab.credentials).join(', ') || 'none'})`,
          });
    });
  });
export type Lab = z.infer<typeof Lab>;
