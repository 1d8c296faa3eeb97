import { perExecution } from '../../../nodes/common/perExecution';

describe('perExecution: one value per node execution', () => {
	test('each execution context gets its own value, made once', () => {
		let made = 0;
		const valueOf = perExecution((context: { run: number }) => ({ run: context.run, n: ++made }));
		const first = { run: 1 };
		const second = { run: 2 };
		expect(valueOf(first)).toBe(valueOf(first));
		expect(valueOf(second)).toEqual({ run: 2, n: 2 });
		expect(made).toBe(2);
	});

	test('a promise that failed is made again on the next call; one that worked is kept', async () => {
		let attempts = 0;
		const open = perExecution(async (_context: object) => {
			attempts++;
			if (attempts === 1) throw new Error('credential not readable');
			return attempts;
		});
		const context = {};
		await expect(open(context)).rejects.toThrow('credential not readable');
		expect(await open(context)).toBe(2);
		expect(await open(context)).toBe(2);
		expect(attempts).toBe(2);
	});
});
