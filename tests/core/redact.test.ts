import { describe, expect, it } from 'vitest';
import { redact, REDACTED } from '../../src/core/redact.js';

describe('redaction of secrets in captured output', () => {
  it('removes IOS secrets and keeps a count', () => {
    const cfg = [
      'enable secret 9 $9$abcdefghijklmn$opqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRS',
      'username admin privilege 15 secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0',
      'snmp-server community Geheim-RO RO',
      'line vty 0 4',
      ' password 7 0822455D0A16',
      'hostname SW1',
    ].join('\n');
    const r = redact(cfg);
    expect(r.text).not.toMatch(/\$9\$|\$1\$|Geheim-RO|0822455D0A16/);
    expect(r.text).toContain('hostname SW1');
    expect(r.text).toContain(`snmp-server community ${REDACTED} RO`);
    expect(r.count).toBe(4);
  });

  it('keeps default values visible: they are findings, not secrets', () => {
    expect(redact('snmp-server community public RO').text).toBe('snmp-server community public RO');
  });

  it('removes known secret values anywhere and RouterOS key=value secrets', () => {
    const r = redact('/ip/service set password=hunter22\n/interface wireless security-profiles set wpa2-pre-shared-key="S3cret pass"\nlogin with Welkom01!', ['Welkom01!']);
    expect(r.text).not.toMatch(/hunter22|S3cret|Welkom01!/);
    expect(r.count).toBe(3);
  });
});
