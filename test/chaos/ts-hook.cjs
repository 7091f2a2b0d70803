// Lets plain `node` run the fault suite's TypeScript (the runner and its worker child process):
// each .ts file is transpiled on require, as ts-jest does for the tests (no type check: that is
// `npm run typecheck`'s job), and `@retrace/*` resolves to libs/*/src as tsconfig's paths say.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');
const ts = require('typescript');

const ROOT = resolve(__dirname, '..', '..');
const parsed = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
const compilerOptions = { ...parsed.options, module: ts.ModuleKind.CommonJS, isolatedModules: true, sourceMap: false, inlineSourceMap: true };
const ALIAS = /^@retrace\/(domain|event-store|engine|sdk|testing)(\/.*)?$/;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const alias = ALIAS.exec(request);
  const target = alias ? join(ROOT, 'libs', alias[1], 'src', alias[2] ?? '') : request;
  return resolveFilename.call(this, target, ...rest);
};

Module._extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
