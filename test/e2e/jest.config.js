/** End-to-end tests in a real n8n (installed into the cache on first run) and a real browser. */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['test/e2e'],
	testMatch: ['**/*.e2e.ts'],
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	// The first run installs n8n (minutes); each n8n start takes seconds.
	testTimeout: 15 * 60 * 1000,
	maxWorkers: 1,
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
};
