/**
 * Runs every example on a real n8n against the sandbox, as a clinic would see it: the trigger
 * examples are published and n8n is started; the action examples then run headless with
 * `n8n execute` (their results are new events for the triggers), things happen "in the vendors'
 * apps" too, and the run waits until every trigger has emitted its events. Used by `npm run demo`
 * and the e2e tests.
 */
import type { Sandbox } from '../../sandbox';
import { N8nCli, type ExecuteResult, type RunningN8n } from './cli';
import { freePort } from './env';
import type { Example } from './examples';
import type { Instance } from './instance';
import type { Logger } from './install';
import { N8nRest, SANDBOX_OWNER, type Execution } from './rest';
import { nodeItems, type Json } from './runData';
import { expectedEvents, makeOutsideEvents, TRIGGER_KINDS, type OutsideEvents } from './scenario';

export interface ActionRun {
	example: Example;
	result: ExecuteResult;
	seconds: number;
	/** The sandbox log entries made while it ran: seq after `since`, up to `until` (trigger polls may be among them). */
	sandboxLog: { since: number; until: number };
}

export interface TriggerRun {
	example: Example;
	triggerNode: string;
	/** Events this trigger had to emit. */
	expected: string[];
	/** Executions of the workflow, oldest first. */
	executions: Execution[];
	/** Event keys of every item the trigger emitted, over all executions (duplicates kept). */
	emitted: string[];
}

export interface ShowcaseReport {
	actions: ActionRun[];
	triggers: TriggerRun[];
	outside: OutsideEvents;
	nodeTypes: string[];
	credentialTypes: string[];
	/** Workflows the running n8n reported active (published) once the triggers had polled. */
	activeWorkflowIds: string[];
	/** Everything `n8n start` printed. */
	n8nLog: string;
	/** The n8n version that ran (its own notices are known to the log check). */
	n8nVersion: string;
	timings: Record<string, number>;
}

export interface ShowcaseOptions {
	instance: Instance;
	sandbox: Sandbox;
	log?: Logger;
	/** Polls to wait for after all events arrived, to show nothing is emitted twice (0 for the demo). */
	confirmPolls?: number;
	/** How long to wait for the triggers' events (a poll every minute: default 3 minutes). */
	eventTimeoutMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(
	condition: () => boolean | Promise<boolean>,
	timeoutMs: number,
	everyMs = 1000,
): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await condition()) return true;
		if (Date.now() > deadline) return false;
		await sleep(everyMs);
	}
}

function triggerNodeOf(example: Example): { name: string; type: string } {
	const node = example.workflow.nodes.find((n) => n.type in TRIGGER_KINDS);
	if (!node) throw new Error(`${example.file}: no trigger node of this package`);
	return { name: node.name, type: node.type };
}

export async function runShowcase(options: ShowcaseOptions): Promise<ShowcaseReport> {
	const { instance, sandbox } = options;
	const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
	const timings: Record<string, number> = {};
	const phase = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
		const started = Date.now();
		try {
			return await work();
		} finally {
			timings[label] = (Date.now() - started) / 1000;
		}
	};
	const triggerExamples = instance.examples.filter((e) => e.kind === 'trigger');
	const actionExamples = instance.examples.filter((e) => e.kind === 'action');
	const polledSince = (type: string, seq: number) =>
		sandbox.log.entries({ since: seq }).some((entry) => TRIGGER_KINDS[type].isPoll(entry));
	const lastSeq = () => sandbox.log.entries().at(-1)?.seq ?? 0;

	await phase('publish', async () => {
		for (const example of triggerExamples) await instance.cli.publishWorkflow(example.id);
	});
	log(`starting n8n with ${triggerExamples.length} published trigger workflows`);
	const startSeq = lastSeq();
	const n8n: RunningN8n = await phase('n8nStart', () => instance.cli.start());
	let report: ShowcaseReport;
	try {
		const rest = new N8nRest(n8n.url);
		await rest.signIn(SANDBOX_OWNER);
		await rest.useNewApiKey(`showcase-${Date.now()}`);
		const nodeTypes = await rest.nodeTypeNames();
		const credentialTypes = await rest.credentialTypeNames();

		// Activation polls once right away: events before it are history and must not be emitted.
		await phase('firstPolls', () =>
			waitFor(
				() => triggerExamples.every((e) => polledSince(triggerNodeOf(e).type, startSeq)),
				60_000,
				500,
			),
		);

		const activeWorkflowIds = await rest.activeWorkflowIds();
		const executor = new N8nCli(
			{ ...instance.cli.settings, port: undefined, brokerPort: await freePort() },
			instance.cli.runtime,
		);
		const actions: ActionRun[] = [];
		for (const example of actionExamples) {
			log(`running ${example.file} (n8n execute)`);
			const started = Date.now();
			const since = lastSeq();
			const result = await executor.execute(example.id);
			actions.push({
				example,
				result,
				seconds: (Date.now() - started) / 1000,
				sandboxLog: { since, until: lastSeq() },
			});
			timings[`execute ${example.id}`] = (Date.now() - started) / 1000;
		}
		const outside = makeOutsideEvents(sandbox);
		const expected = expectedEvents(
			Object.fromEntries(actions.map((a) => [a.example.id, a.result.data])),
			outside,
		);

		const collect = async (): Promise<TriggerRun[]> =>
			await Promise.all(
				triggerExamples.map(async (example) => {
					const trigger = triggerNodeOf(example);
					const executions = (await rest.executions(example.id)).sort(
						(a, b) => Number(a.id) - Number(b.id),
					);
					const emitted = executions.flatMap((execution) =>
						nodeItems(execution.data, trigger.name).map((item: Json) =>
							TRIGGER_KINDS[trigger.type].eventKey(item),
						),
					);
					return {
						example,
						triggerNode: trigger.name,
						expected: expected[example.id] ?? [],
						executions,
						emitted,
					};
				}),
			);
		const settled = (runs: TriggerRun[]) =>
			runs.every(
				(run) =>
					run.expected.every((key) => run.emitted.includes(key)) &&
					run.executions.every((e) => e.finished || e.status !== 'running'),
			);

		log('waiting for the triggers to see the new events (they poll every minute)');
		let triggers: TriggerRun[] = [];
		await phase('triggerEvents', () =>
			waitFor(
				async () => settled((triggers = await collect())),
				options.eventTimeoutMs ?? 180_000,
				2000,
			),
		);
		for (let poll = 0; poll < (options.confirmPolls ?? 0); poll++) {
			const mark = lastSeq();
			log('waiting for one more poll of every trigger (nothing may be emitted twice)');
			await phase(`confirmPoll${poll + 1}`, () =>
				waitFor(
					() => triggerExamples.every((e) => polledSince(triggerNodeOf(e).type, mark)),
					90_000,
					1000,
				),
			);
			await sleep(5000);
			triggers = await collect();
		}
		report = {
			actions,
			triggers,
			outside,
			nodeTypes,
			credentialTypes,
			activeWorkflowIds,
			n8nLog: '',
			n8nVersion: instance.cli.runtime.version,
			timings,
		};
	} finally {
		await phase('n8nStop', () => n8n.stop());
	}
	return { ...report, n8nLog: n8n.log };
}
