// Telnet's in-band command layer (RFC 854): strips IAC sequences from the data stream and hands
// option negotiation and subnegotiation to the side that uses it — the driver (client) and the
// simulator (server) answer differently, the byte parsing is the same.
export const IAC = 255;
export const WILL = 251;
export const WONT = 252;
export const DO = 253;
export const DONT = 254;
const SB = 250;
const SE = 240;

export interface TelnetHandlers {
  /** `cmd` is WILL/WONT/DO/DONT, `opt` the option number. */
  option(cmd: number, opt: number): void;
  /** Subnegotiation payload between IAC SB and IAC SE. */
  subnegotiation?(bytes: number[]): void;
}

export class TelnetParser {
  private state: 'data' | 'iac' | 'opt' | 'sb' | 'sbiac' = 'data';
  private cmd = 0;
  private sb: number[] = [];
  constructor(private readonly on: TelnetHandlers) {}

  /** The data bytes of a chunk (as latin-1 text), with every telnet command taken out. */
  decode(chunk: Buffer): string {
    let out = '';
    for (const b of chunk) {
      switch (this.state) {
        case 'data':
          if (b === IAC) this.state = 'iac';
          else out += String.fromCharCode(b);
          break;
        case 'iac':
          if (b === IAC) {
            out += '\xff';
            this.state = 'data';
          } else if (b >= WILL && b <= DONT) {
            this.cmd = b;
            this.state = 'opt';
          } else if (b === SB) {
            this.sb = [];
            this.state = 'sb';
          } else this.state = 'data';
          break;
        case 'opt':
          this.on.option(this.cmd, b);
          this.state = 'data';
          break;
        case 'sb':
          if (b === IAC) this.state = 'sbiac';
          else this.sb.push(b);
          break;
        case 'sbiac':
          if (b === SE) {
            this.on.subnegotiation?.(this.sb);
            this.state = 'data';
          } else this.state = 'sb';
          break;
      }
    }
    return out;
  }
}
