import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/**
 * The physical reference: bare Node HTTP that reads the body and answers with the bytes Skill Atlas
 * gave for it (`node bare-server.js bare <answers.json>`). Its own file, so its memory holds none of
 * the GraphQL stack. Prints `{"port": n}` when listening, like server-child.js.
 */
const answers = new Map(Object.entries(JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, string>));
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const answer = answers.get(Buffer.concat(chunks).toString('utf8'));
    if (answer === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) }).end(answer);
  });
});
server.listen(0, () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as { port: number }).port })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
