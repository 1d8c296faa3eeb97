/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		// Type checking is `npm run typecheck`; jest only strips types, which keeps runs fast.
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.jest.json' }],
	},
	testTimeout: 30000,
	maxWorkers: 2,
	// n8n-core keeps timers (binary data, logging) alive after runs; nothing of ours is left open.
	forceExit: true,
};
