/**
 * The floor of resolution: a bare Node process that sends one manifest HEAD per tag with Basic credentials it
 * already knows, 8 at a time over keep-alive connections, and checks each answer carries a digest. Nothing else:
 * no challenge, no credential lookup, no cache.
 * Usage: node out/bench/floorHeads.js <origin> <repository> <tags> <user:password> <accept>
 */
import * as http from 'node:http';

const [origin, repository, tagsText, userPassword, accept] = process.argv.slice(2);
const tags = Number(tagsText);
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const authorization = `Basic ${Buffer.from(userPassword).toString('base64')}`;

function head(tag: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${origin}/v2/${repository}/manifests/${tag}`, { method: 'HEAD', agent, headers: { accept, authorization } }, (res) => {
      res.resume();
      const digest = res.headers['docker-content-digest'];
      if (res.statusCode !== 200 || typeof digest !== 'string') reject(new Error(`${tag}: HTTP ${res.statusCode}`));
      else resolve(digest);
    });
    req.once('error', reject);
    req.end();
  });
}

async function main(): Promise<void> {
  let next = 0;
  const digests: string[] = [];
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < tags) {
      const i = next++;
      digests[i] = await head(`t${i}`);
    }
  }));
  agent.destroy();
  process.stdout.write(`${digests.filter(Boolean).length} digests\n`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
