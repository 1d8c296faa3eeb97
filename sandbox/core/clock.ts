import type { Clock } from './types';

/**
 * Sandbox time: start + real elapsed × speed + stepped milliseconds.
 * Changing the speed re-bases on the current sandbox time, so time never jumps.
 */
export function createClock(opts: { speed?: number; start?: number } = {}): Clock {
	let speed = checkSpeed(opts.speed ?? 1);
	let baseSandbox = opts.start ?? Date.now();
	let baseReal = Date.now();
	const now = (): number => baseSandbox + (Date.now() - baseReal) * speed;
	return {
		now,
		advance(ms: number): void {
			if (!Number.isFinite(ms) || ms < 0)
				throw new RangeError('advance needs a finite, non-negative number of milliseconds');
			baseSandbox += ms;
		},
		setSpeed(next: number): void {
			const current = now();
			speed = checkSpeed(next);
			baseSandbox = current;
			baseReal = Date.now();
		},
	};
}

function checkSpeed(speed: number): number {
	if (!Number.isFinite(speed) || speed < 0)
		throw new RangeError('clock speed must be a finite number >= 0');
	return speed;
}
