/**
 * Wall time that stands still until the test steps it. The Heidi emulator checks JWT expiry on
 * Date.now, the Heidi node decides renewals on Date.now, and the sandbox clock runs on it too:
 * freezing it makes "has the token expired yet" a decision of the test, not of the machine's speed.
 */
export interface SteppedWallClock {
	advance(ms: number): void;
	restore(): void;
}

export function freezeWallClock(start = Date.now()): SteppedWallClock {
	let now = start;
	const spy = jest.spyOn(Date, 'now').mockImplementation(() => now);
	return {
		advance(ms) {
			now += ms;
		},
		restore: () => spy.mockRestore(),
	};
}
