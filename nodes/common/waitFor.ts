import { NodeOperationError, sleep } from 'n8n-workflow';
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ParamReader } from './params';

export interface WaitForOptions {
	/** Cap on the whole wait (ms); the last read happens at or before it. */
	maxWaitMs: number;
	/** Delay after the first read; it doubles after every read up to `maxDelayMs`. */
	firstDelayMs?: number;
	maxDelayMs?: number;
	/** Injected for tests; defaults to n8n's sleep. */
	wait?: (ms: number) => Promise<void>;
	now?: () => number;
}

/**
 * "Wait for completion": reads right away, then backs off (1 s, 2 s, 4 s … 30 s by default) until
 * `done` says the value is final or the cap is reached. Returns the last value read and whether
 * the cap ended the wait, so the caller decides between returning it and failing.
 */
export async function waitFor<T>(
	read: () => Promise<T>,
	done: (value: T) => boolean,
	options: WaitForOptions,
): Promise<{ value: T; timedOut: boolean }> {
	const now = options.now ?? Date.now;
	const wait = options.wait ?? sleep;
	const maxDelay = options.maxDelayMs ?? 30_000;
	const deadline = now() + options.maxWaitMs;
	let delay = options.firstDelayMs ?? 1000;
	for (;;) {
		const value = await read();
		if (done(value)) return { value, timedOut: false };
		const remaining = deadline - now();
		if (remaining <= 0) return { value, timedOut: true };
		await wait(Math.min(delay, remaining));
		delay = Math.min(delay * 2, maxDelay);
	}
}

export type OnTimeout = 'error' | 'returnJob';
const ON_TIMEOUT: readonly OnTimeout[] = ['error', 'returnJob'];

/**
 * The defaults of an operation's wait settings. They differ between operations on purpose and stay
 * as they are: n8n leaves a parameter's default value out of a saved workflow, so changing one would
 * change what every existing workflow does. HealthScribe Start waits 15 minutes and then fails (a
 * job takes minutes; longer ones belong to the trigger); vocabularies wait 10 minutes and fail;
 * Connect Health waits 10 minutes and returns what it has, flagged `waitTimedOut`.
 */
export interface WaitDefaults {
	maxWaitMinutes: number;
	onTimeout: OnTimeout;
	/** What waiting means for this operation, e.g. "until the job has finished". */
	description: string;
}

const maxWaitProperty: INodeProperties = {
	displayName: 'Max Wait (Minutes)',
	name: 'maxWaitMinutes',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 15,
	description: 'Give up waiting after this long; the job keeps running',
};

const onTimeoutProperty: INodeProperties = {
	displayName: 'On Timeout',
	name: 'onTimeout',
	type: 'options',
	options: [
		{
			name: 'Raise an Error',
			value: 'error',
			description: 'Stop with an error that names the job, which keeps running in AWS',
		},
		{
			name: 'Return Job As It Stands',
			value: 'returnJob',
			description: 'Output the unfinished job; a trigger can pick up its note later',
		},
	],
	default: 'error',
	description:
		'What to do when the job is still running after Max Wait. Either way the job carries on and is not started again.',
};

/** "Wait for Completion", "Max Wait (Minutes)" and "On Timeout", shown for the given operation. */
export function waitProperties(
	displayOptions: IDisplayOptions,
	defaults: WaitDefaults,
): INodeProperties[] {
	const whenWaiting = { show: { ...displayOptions.show, waitForCompletion: [true] } };
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description: defaults.description,
			displayOptions,
		},
		{ ...maxWaitProperty, default: defaults.maxWaitMinutes, displayOptions: whenWaiting },
		{ ...onTimeoutProperty, default: defaults.onTimeout, displayOptions: whenWaiting },
	];
}

export interface WaitSettings {
	maxWaitMs: number;
	onTimeout: OnTimeout;
}

/** The wait settings of item `i`; undefined when the user does not wait. */
export function readWaitSettings(
	context: IExecuteFunctions,
	i: number,
	defaults: WaitDefaults,
): WaitSettings | undefined {
	const p = new ParamReader(context, i);
	if (!p.boolean('waitForCompletion', 'Wait for Completion')) return undefined;
	// A week is far beyond any job; longer waits belong to the trigger.
	const minutes = p.number('maxWaitMinutes', 'Max Wait (Minutes)', {
		min: 0,
		max: 7 * 24 * 60,
		fallback: defaults.maxWaitMinutes,
	});
	return {
		maxWaitMs: minutes * 60_000,
		onTimeout: p.options('onTimeout', 'On Timeout', ON_TIMEOUT, defaults.onTimeout),
	};
}

/** What waiting for one resource needs: how to read it, when it is final, and what to say when it is not. */
export interface Completion<T> {
	read: () => Promise<T>;
	done: (value: T) => boolean;
	/** A final value that is a failure: the error to raise (message, description), else undefined. */
	failure?: (value: T) => { message: string; description: string } | undefined;
	/** The error raised when Max Wait has passed and On Timeout is "Raise an Error". */
	timeout: (value: T) => { message: string; description: string };
}

/**
 * Wait for Completion for every operation that offers it: polls as `waitFor` does, raises the
 * resource's failure as an error for the item, and on timeout raises an error or returns the value
 * as it stands (with `timedOut`), as On Timeout says.
 */
export async function waitForCompletion<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	settings: WaitSettings,
	completion: Completion<T>,
): Promise<{ value: T; timedOut: boolean }> {
	const { value, timedOut } = await waitFor(completion.read, completion.done, {
		maxWaitMs: settings.maxWaitMs,
	});
	const failure = timedOut ? undefined : completion.failure?.(value);
	if (failure)
		throw new NodeOperationError(context.getNode(), failure.message, {
			itemIndex,
			description: failure.description,
		});
	if (timedOut && settings.onTimeout === 'error') {
		const { message, description } = completion.timeout(value);
		throw new NodeOperationError(context.getNode(), message, { itemIndex, description });
	}
	return { value, timedOut };
}
