// Child process holding the class's stand-ins, so the harness under test has its own process
// (own CPU time and memory). Prints one JSON line when ready; stops when stdin closes.
import { startClass } from './standins.js';

const [pods, dir, handshake, scale, http] = process.argv.slice(2);
const lab = await startClass({ pods: Number(pods), dir, handshakeMs: handshake ? Number(handshake) : undefined, latencyScale: scale ? Number(scale) : undefined, httpLatencyMs: http ? Number(http) : undefined });
process.stdout.write(JSON.stringify({ labFile: lab.labFile, pods: lab.pods }) + '\n');
process.stdin.resume();
process.stdin.on('end', async () => {
  await lab.close();
  process.exit(0);
});
