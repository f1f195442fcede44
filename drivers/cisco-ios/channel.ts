// The channel: talks to an IOS CLI over any transport. Finds the device's own prompt (no sleeps),
// logs in over telnet/console, enters enable mode, disables paging, runs a command and returns its
// output (echo and prompt removed, --More-- answered), and turns IOS error lines into errors.
import { ObservationError } from '../../src/core/types.js';
import { iosPlatform } from './platform.js';
import type { Transport } from './transport.js';

export interface ChannelOptions {
  username?: string;
  password?: string;
  secret?: string;
  timeoutMs: number;
  where: string;
  /** Give up after this many --More-- pages (default: platform maxPages). */
  maxPages?: number;
}

interface Waiter {
  patterns: RegExp[];
  resolve: (r: { index: number; match: RegExpExecArray; buf: string }) => void;
  reject: (e: Error) => void;
}

/** Apply backspaces and drop escape sequences and NULs, as a terminal would show the text. */
export function terminalText(s: string): string {
  let t = s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\x1b[()][AB012]/g, '').replace(/\x00/g, '').replace(/\x07/g, '');
  if (t.includes('\b')) {
    const out: string[] = [];
    for (const ch of t) {
      if (ch === '\b') out.pop();
      else out.push(ch);
    }
    t = out.join('');
  }
  return t;
}

export class Channel {
  private buf = '';
  private waiter?: Waiter;
  private closedReason?: string;
  hostname = '';
  prompt = '';
  private promptRe: RegExp = iosPlatform.anyPrompt;
  /** Output seen before the first prompt (banners, MOTD). */
  banner = '';

  constructor(
    readonly t: Transport,
    readonly o: ChannelOptions,
  ) {
    t.onData((s) => {
      this.buf += s;
      if (this.buf.includes('\b')) this.buf = terminalText(this.buf);
      this.check();
    });
    t.onClose((reason) => {
      this.closedReason = reason;
      const w = this.waiter;
      this.waiter = undefined;
      w?.reject(new ObservationError(`${o.where}: ${reason}`, terminalText(this.buf)));
    });
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  private check() {
    const w = this.waiter;
    if (!w) return;
    const text = terminalText(this.buf);
    for (let i = 0; i < w.patterns.length; i++) {
      const m = w.patterns[i].exec(text);
      if (m) {
        this.waiter = undefined;
        w.resolve({ index: i, match: m, buf: text });
        return;
      }
    }
  }

  /** Wait until the received text matches one of the patterns. */
  private expect(patterns: RegExp[], signal: AbortSignal, what: string): Promise<{ index: number; match: RegExpExecArray; buf: string }> {
    if (this.closedReason) return Promise.reject(new ObservationError(`${this.o.where}: ${this.closedReason}`, terminalText(this.buf), what));
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiter = undefined;
        const r = signal.reason;
        reject(r instanceof Error ? r : new Error(String(r)));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiter = {
        patterns,
        resolve: (r) => {
          signal.removeEventListener('abort', onAbort);
          resolve(r);
        },
        reject: (e) => {
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      };
      this.check();
    });
  }

  private send(s: string) {
    this.t.write(s);
  }

  private consume(upTo: number) {
    this.buf = terminalText(this.buf).slice(upTo);
  }

  private setPrompt(line: string) {
    const m = iosPlatform.anyPrompt.exec(line);
    if (!m) return;
    this.hostname = m[1];
    this.prompt = m[0].replace(/^[\r\n]+/, '').trim();
    this.promptRe = iosPlatform.promptFor(this.hostname);
  }

  get mode(): 'exec' | 'privilege_exec' | 'configuration' {
    if (/\(conf[^)]*\)#$/.test(this.prompt)) return 'configuration';
    return this.prompt.endsWith('#') ? 'privilege_exec' : 'exec';
  }

  /**
   * Get to a prompt: log in (telnet/console), pass banners, press Enter where a console needs it,
   * leave a --More-- or configuration mode a previous console user left behind.
   */
  async open(signal: AbortSignal): Promise<void> {
    const P = iosPlatform;
    const nl = this.t.newline;
    let sentUser = false;
    let passwordsSent = 0;
    let lastPrompt = '';
    // SSH and telnet print their first prompt on their own; a console line needs an Enter.
    if (this.t.kind === 'console') this.send('\r');
    let nudge: NodeJS.Timeout | undefined;
    if (this.t.kind === 'console') nudge = setInterval(() => this.send('\r'), 2000);
    try {
      for (let round = 0; round < 20; round++) {
        const r = await this.expect([P.anyPrompt, P.usernamePrompt, P.passwordPrompt, P.loginFailed, P.pagingPrompt, P.pressReturn, P.initialDialog], signal, 'login');
        switch (r.index) {
          case 0: {
            this.banner += r.buf.slice(0, r.match.index);
            this.consume(r.match.index + r.match[0].length);
            const seen = r.match[0].replace(/^[\r\n]+/, '').trim();
            this.setPrompt(r.match[0]);
            if (this.mode === 'configuration') {
              this.send('end' + nl);
              continue;
            }
            // A banner line can look like a prompt (`R1>` in a MOTD cut at a packet boundary): the
            // prompt counts once pressing Enter shows it again.
            if (seen !== lastPrompt) {
              lastPrompt = seen;
              this.send(nl);
              continue;
            }
            return;
          }
          case 1:
            if (sentUser) throw new ObservationError(`aanmelden bij ${this.o.where} mislukt: gebruikersnaam of wachtwoord afgewezen (login invalid)`, r.buf);
            this.banner += r.buf.slice(0, r.match.index);
            this.consume(r.buf.length);
            sentUser = true;
            this.send((this.o.username ?? '') + nl);
            continue;
          case 2:
            if (passwordsSent >= 1) throw new ObservationError(`aanmelden bij ${this.o.where} mislukt: wachtwoord afgewezen (bad password)`, r.buf);
            this.consume(r.buf.length);
            passwordsSent++;
            this.send((this.o.password ?? '') + nl);
            continue;
          case 3:
            throw new ObservationError(`aanmelden bij ${this.o.where} mislukt: ${r.match[0].replace(/^%\s*/, '')}`, r.buf);
          case 4:
            this.consume(r.buf.length);
            this.send('q');
            continue;
          case 5:
            this.consume(r.buf.length);
            this.send(nl);
            continue;
          case 6:
            this.consume(r.buf.length);
            this.send('no' + nl);
            continue;
        }
      }
      throw new ObservationError(`${this.o.where}: geen prompt gevonden na aanmelden`);
    } finally {
      if (nudge) clearInterval(nudge);
    }
  }

  /** Enter privileged exec mode with the enable secret when not there yet. */
  async enable(signal: AbortSignal): Promise<void> {
    if (this.mode === 'privilege_exec') return;
    if (this.mode === 'configuration') {
      await this.run('end', signal, { check: false });
      return;
    }
    const P = iosPlatform;
    this.send('enable' + this.t.newline);
    let tries = 0;
    for (;;) {
      const r = await this.expect([this.promptRe, P.passwordPrompt, P.enableFailed], signal, 'enable');
      if (r.index === 0) {
        this.consume(r.buf.length);
        this.setPrompt(r.match[0]);
        if ((this.mode as string) === 'privilege_exec') return;
        throw new ObservationError(`${this.o.where}: enable geweigerd (geen enable-modus bereikt)`, r.buf, 'enable');
      }
      if (r.index === 1) {
        if (tries++ > 0 || this.o.secret === undefined) {
          this.t.write(this.t.newline);
          throw new ObservationError(`${this.o.where}: enable secret ${this.o.secret === undefined ? 'nodig maar niet opgegeven' : 'afgewezen'} (enable failed)`, r.buf, 'enable');
        }
        this.consume(r.buf.length);
        this.send(this.o.secret + this.t.newline);
        continue;
      }
      throw new ObservationError(`${this.o.where}: enable geweigerd (${r.match[0]})`, r.buf, 'enable');
    }
  }

  /**
   * Run one command and return its output without echo and prompt. Pages through --More--.
   * With `check`, IOS error lines (`% Invalid input`, …) raise an ObservationError.
   */
  async run(command: string, signal: AbortSignal, opts: { check?: boolean; answers?: { prompt: RegExp; answer: string }[]; anyPrompt?: boolean } = {}): Promise<string> {
    const P = iosPlatform;
    // Whatever arrived unasked (a late prompt, a log message) belongs to no command.
    this.consume(terminalText(this.buf).length);
    this.send(command + this.t.newline);
    let out = '';
    let pages = 0;
    let echoSeen = false;
    const answers = opts.answers ?? [];
    for (;;) {
      const r = await this.expect([opts.anyPrompt ? P.anyPrompt : this.promptRe, P.pagingPrompt, ...answers.map((a) => a.prompt)], signal, command);
      if (r.index === 1) {
        out += r.buf.slice(0, r.match.index);
        this.consume(r.buf.length);
        if (++pages > (this.o.maxPages ?? P.maxPages)) throw new ObservationError(`${this.o.where}: apparaat blijft pagineren (--More-- na ${this.o.maxPages ?? P.maxPages} pagina's)`, out, command);
        this.send(P.pagingContinue);
        continue;
      }
      if (r.index >= 2) {
        out += r.buf;
        this.consume(r.buf.length);
        this.send(answers[r.index - 2].answer + this.t.newline);
        continue;
      }
      out += r.buf.slice(0, r.match.index);
      const promptText = r.match[0];
      this.consume(r.buf.length);
      // The echo of the command: the first line (or the part up to the command text).
      if (!echoSeen) {
        const norm = out.replace(/\r/g, '');
        if (norm.trim() === '') {
          // A prompt before the echo (left over from an earlier Enter): keep waiting.
          continue;
        }
        echoSeen = true;
      }
      this.setPrompt(promptText);
      break;
    }
    let text = out.replace(/\r+\n/g, '\n').replace(/\r/g, '');
    // Drop the echoed command line.
    const nl = text.indexOf('\n');
    text = nl >= 0 ? text.slice(nl + 1) : '';
    // Lines that only repeat a paging erase.
    text = text.replace(/^ {8,}\n/gm, '');
    if (opts.check !== false) {
      for (const re of P.failedWhenContains) {
        const m = re.exec(text);
        if (m) throw new ObservationError(`${command}: ${m[0].trim()}`, text, command);
      }
    }
    return text;
  }

  close() {
    this.t.close();
  }
}
