import { describe, expect, it } from 'vitest';
import { redactLine } from './engine.js';

describe('lab logs', () => {
  it('never show the generated passwords podman-compose echoes', () => {
    const l = 'podman run --name=db1 -e LAB_ROLE=db1 -e LAB_PASSWORD=PlCkwPPa3mbcFiR3N09 -e SNMP_COMMUNITY=abc123 --net x';
    expect(redactLine(l)).toBe('podman run --name=db1 -e LAB_ROLE=db1 -e LAB_PASSWORD=<redacted> -e SNMP_COMMUNITY=<redacted> --net x');
  });
});
