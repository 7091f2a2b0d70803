#!/usr/bin/env node
import { readFile } from 'node:fs/promises';
import { runCli } from './cli';
import { processIo } from './io';

// `retrace <command> …`: the operator CLI. It talks to a running Retrace over HTTP only.
void runCli(process.argv.slice(2), processIo((path) => readFile(path, 'utf8'))).then((code) => {
  process.exitCode = code;
});
