// The channel on a scripted transport: prompt detection that a banner cannot fool, paging, echo
// handling and IOS error lines, without any network.
import { describe, expect, it } from 'vitest';
import { Channel, terminalText } from '../../drivers/cisco-ios/channel.js';
import type { Transport } from '../../drivers/cisco-ios/transport.js';

/** A transport whose device side is a function of what the client sends. */
function scripted(respond: (sent: string, emit: (s: string) => void) => void): Transport & { emit: (s: string) => void; sent: string[] } {
  let onData: (s: string) => void = () => {};
  const sent: string[] = [];
  const t = {
    kind: 'ssh' as const,
    newline: '\n',
    sent,
    emit: (s: string) => setTimeout(() => onData(s), 1),
    write: (s: string) => {
      sent.push(s);
      respond(s, t.emit);
    },
    onData: (cb: (s: string) => void) => (onData = cb),
    onClose: () => {},
    close: () => {},
  };
  return t;
}

const opts = { timeoutMs: 2000, where: 'test', secret: 'class' };
const sig = () => AbortSignal.timeout(2000);

describe('channel', () => {
  it('a prompt-like banner line at a packet boundary does not become the prompt', async () => {
    const t = scripted((sent, emit) => {
      if (sent === '\n') emit('\r\nBNR#');
    });
    const ch = new Channel(t, opts);
    t.emit('\r\n*** Toegang alleen voor bevoegden ***\r\nR1>');
    t.emit('\r\nnog een bannerregel\r\n\r\nBNR#');
    await ch.open(sig());
    expect(ch.hostname).toBe('BNR');
    expect(ch.mode).toBe('privilege_exec');
  });

  it('runs a command: echo and prompt removed, --More-- answered, backspace erase applied', async () => {
    const t = scripted((sent, emit) => {
      if (sent === '\n') emit('\r\nSW1#');
      else if (sent === 'show x\n') emit('show x\r\nregel 1\r\nregel 2\r\n --More-- ');
      else if (sent === ' ') emit('\b\b\b\b\b\b\b\b\b\b          \b\b\b\b\b\b\b\b\b\bregel 3\r\nSW1#');
    });
    const ch = new Channel(t, opts);
    t.emit('SW1#');
    await ch.open(sig());
    expect(await ch.run('show x', sig())).toBe('regel 1\nregel 2\nregel 3\n');
  });

  it('a stray prompt before the echo is skipped; IOS error lines become errors with the text', async () => {
    const t = scripted((sent, emit) => {
      if (sent === '\n') emit('\r\nSW1#');
      else if (sent === 'show vlan x\n') {
        emit('\r\nSW1#');
        emit('show vlan x\r\n                 ^\r\n% Invalid input detected at \'^\' marker.\r\n\r\nSW1#');
      }
    });
    const ch = new Channel(t, opts);
    t.emit('SW1#');
    await ch.open(sig());
    await expect(ch.run('show vlan x', sig())).rejects.toThrow(/show vlan x: % Invalid input detected at '\^' marker\./);
  });

  it('terminalText applies backspaces and drops escape sequences', () => {
    expect(terminalText('ab\b\bcd\x1b[Kx\x00')).toBe('cdx');
  });
});
