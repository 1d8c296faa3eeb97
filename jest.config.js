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
	// No forceExit: every suite closes what it opens (sandbox.stop() closes servers and their sockets;
	// test/harness/teardown.ts stops n8n-core's SSH-tunnel sweep timer after each file), so jest exits by itself.
};
