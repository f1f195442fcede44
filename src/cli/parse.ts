// `proeflab parse`: raw device output in, the parsed JSON the checks see out.
import pc from 'picocolors';
import { createRegistry, findParser } from '../core/registry.js';
import { readInput } from './main.js';

export const normalisePlatform = (p: string) => p.toLowerCase().replace(/_/g, '-').replace(/^mikrotik-routeros$/, 'routeros');

export async function parseCommand(file: string | undefined, o: { platform: string; command: string }): Promise<number> {
  const { parsers } = createRegistry();
  const platform = normalisePlatform(o.platform);
  const parser = findParser(parsers, platform, o.command);
  if (!parser) {
    const known = parsers.filter((p) => p.platform === platform).map((p) => p.command);
    process.stderr.write(
      pc.red(`geen parser voor '${o.command}' op platform '${platform}'`) +
        (known.length ? `\nbekende opdrachten: ${known.join(', ')}` : `\nbekende platforms: ${[...new Set(parsers.map((p) => p.platform))].join(', ') || 'geen'}`) +
        '\n',
    );
    return 2;
  }
  const raw = readInput(file);
  try {
    process.stdout.write(JSON.stringify(parser.parse(raw), null, 2) + '\n');
    return 0;
  } catch (err) {
    process.stderr.write(pc.red(`uitvoer niet te lezen als '${parser.command}': ${(err as Error).message}`) + '\n');
    return 3;
  }
}
