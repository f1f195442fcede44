// A stand-in for a Windows Server's OpenSSH + PowerShell: an ssh2 Server that accepts
// `powershell.exe … -EncodedCommand <base64 UTF-16LE>`, decodes the script and replays the
// recorded output registered for exactly that script (see tests/fixtures/windows/README.md).
// Replies can be sent as UTF-8 with BOM, BOM-less UTF-16LE or plain UTF-8, always with CRLF, with
// CLIXML progress noise on stderr, like Windows PowerShell 5.1 over OpenSSH does.
import { Server, type Connection } from 'ssh2';
import { generateHostKey } from '../host-key.js';
import { decodeCommand } from '../../drivers/windows/decode.js';

export interface Replay {
  stdout: string;
  stderr?: string;
  exitCode?: number;
  encoding?: 'utf8' | 'utf8bom' | 'utf16le';
  /** Send CLIXML progress records on stderr before the output. */
  progress?: boolean;
  /** Never answer (for time-out tests). */
  hang?: boolean;
}

export interface WindowsSim {
  port: number;
  /** Scripts received, decoded. */
  received: string[];
  close(): Promise<void>;
}

const PROGRESS = '#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj></Objs>\r\n';

/** A CLIXML error stream as PowerShell writes it for a non-terminating/terminating error. */
export const clixmlError = (message: string) =>
  `#< CLIXML\r\n<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><S S="Error">${message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '_x000D__x000A_')}_x000D__x000A_</S></Objs>`;

function encode(text: string, enc: Replay['encoding']): Buffer {
  const crlf = text.replace(/\r?\n/g, '\r\n');
  if (enc === 'utf16le') return Buffer.from(crlf, 'utf16le');
  if (enc === 'utf8bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]);
  return Buffer.from(crlf, 'utf8');
}

export async function startWindowsSim(opts: { username: string; password: string; replies: Map<string, Replay> | ((script: string) => Replay | undefined) }): Promise<WindowsSim> {
  const hostKey = generateHostKey();
  const received: string[] = [];
  const lookup = (s: string) => (typeof opts.replies === 'function' ? opts.replies(s) : opts.replies.get(s));
  const conns = new Set<Connection>();
  const server = new Server({ hostKeys: [hostKey] }, (client) => {
    conns.add(client);
    client.on('close', () => conns.delete(client));
    client.on('error', () => undefined);
    client.on('authentication', (ctx) => {
      if (ctx.method === 'password' && ctx.username === opts.username && ctx.password === opts.password) ctx.accept();
      else ctx.reject(['password']);
    });
    client.on('ready', () => {
      client.on('session', (accept) => {
        const session = accept();
        session.on('exec', (acc, _rej, info) => {
          const ch = acc();
          const m = /^powershell(?:\.exe)?\s.*-EncodedCommand (\S+)$/i.exec(info.command.trim());
          if (!m || !/-NoProfile/.test(info.command) || !/-NonInteractive/.test(info.command)) {
            ch.stderr.write(`'${info.command.split(' ')[0]}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n`);
            ch.exit(1);
            ch.end();
            return;
          }
          const script = decodeCommand(m[1]!);
          received.push(script);
          const r = lookup(script);
          if (!r) {
            ch.stderr.write(clixmlError(`The term '${script.split(/\s/)[0]}' is not recognized as the name of a cmdlet, function, script file, or operable program.\n    + CategoryInfo          : ObjectNotFound: (:String) [], CommandNotFoundException`));
            ch.exit(1);
            ch.end();
            return;
          }
          if (r.hang) return;
          if (r.progress) ch.stderr.write(PROGRESS);
          if (r.stdout) ch.write(encode(r.stdout, r.encoding));
          if (r.stderr) ch.stderr.write(r.stderr);
          ch.exit(r.exitCode ?? 0);
          ch.end();
        });
      });
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  return {
    port: (server.address() as { port: number }).port,
    received,
    close: () =>
      new Promise<void>((res) => {
        for (const c of conns) c.end();
        server.close(() => res());
      }),
  };
}
