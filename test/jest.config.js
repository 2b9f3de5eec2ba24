/** Unit and integration tests: TypeScript through ts-jest, real HTTP to the local Bitrix24 emulator. */
module.exports = {
	rootDir: '..',
	testEnvironment: 'node',
	roots: ['test'],
	testMatch: ['**/*.test.ts'],
	setupFiles: ['<rootDir>/test/setup-env.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }],
	},
};
