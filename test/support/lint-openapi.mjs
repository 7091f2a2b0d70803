// Lints an OpenAPI document (JSON on stdin) with Redocly's `recommended` ruleset and prints the
// problems as JSON on stdout. A separate process because @redocly/openapi-core is an ES module
// that Jest's CommonJS runtime cannot load.
import { Buffer } from 'node:buffer';
import { createConfig, lintFromString } from '@redocly/openapi-core';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const config = await createConfig(JSON.parse(process.argv[2] ?? '{"extends": ["recommended"]}'));
const problems = await lintFromString({ source: Buffer.concat(chunks).toString('utf8'), absoluteRef: 'openapi.json', config });
const out = problems.map((p) => ({ ruleId: p.ruleId, severity: p.severity, message: p.message, where: p.location.map((l) => l.pointer).join(', ') }));
process.stdout.write(JSON.stringify(out));
