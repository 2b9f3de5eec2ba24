/** Unit and integration tests: TypeScript through ts-jest, real HTTP to the local Bitrix24 emulator. */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	// Some tests wait, as the node does, for Bitrix24's limits to release (a few seconds).
	testTimeout: 20_000,
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
};
