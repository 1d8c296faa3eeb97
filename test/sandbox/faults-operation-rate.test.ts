import { createFaults, validateFaultConfig } from '../../sandbox/core/faults';

describe('sandbox faults: per-operation rate limits (AWS sets its request quotas per operation)', () => {
	const request = (target: string) => ({ method: 'POST', path: '/', target });

	test('each operation has its own bucket; other operations are not limited by it (time stepped explicitly)', () => {
		let now = 0;
		const faults = createFaults(
			{
				transcribe: {
					operationRateLimits: { StartMedicalScribeJob: 25, 'Transcribe.ListMedicalScribeJobs': 5 },
				},
			},
			() => now,
		);
		const take = (target: string, n: number) =>
			Array.from(
				{ length: n },
				() => faults.decide('transcribe', request(target))?.kind ?? 'ok',
			).filter((k) => k === 'ok').length;
		expect(take('Transcribe.StartMedicalScribeJob', 40)).toBe(25); // one second's worth
		expect(take('Transcribe.ListMedicalScribeJobs', 10)).toBe(5);
		expect(take('Transcribe.GetMedicalScribeJob', 100)).toBe(100);
		now += 200; // 25/s × 0.2 s = 5 Starts, 5/s × 0.2 s = 1 List
		expect(take('Transcribe.StartMedicalScribeJob', 10)).toBe(5);
		expect(take('Transcribe.ListMedicalScribeJobs', 10)).toBe(1);
		expect(faults.decide('transcribe', request('Transcribe.StartMedicalScribeJob'))).toEqual({
			kind: 'throttle',
			delayMs: 0,
		});
	});

	test('a bad per-operation limit is named', () => {
		expect(() =>
			validateFaultConfig({ transcribe: { operationRateLimits: { StartMedicalScribeJob: 0 } } }),
		).toThrow('transcribe.operationRateLimits.StartMedicalScribeJob must be a number > 0');
		expect(() => validateFaultConfig({ transcribe: { operationRateLimits: [] } })).toThrow(
			'transcribe.operationRateLimits must be an object',
		);
	});
});
