/** Turns a showcase run into the lines `npm run demo` prints, and the list of what went wrong. */
import type { Sandbox } from '../../sandbox';
import type { SmtpSink } from '../smtp/sink';
import { logProblems } from './logCheck';
import { summarize } from './scenario';
import type { ShowcaseReport } from './showcase';

export interface ShowcaseSummary {
	lines: string[];
	failures: string[];
}

export function summarizeShowcase(
	report: ShowcaseReport,
	sandbox: Sandbox,
	smtp: SmtpSink,
): ShowcaseSummary {
	const lines: string[] = [];
	const failures: string[] = [];
	const byFile = [
		...report.actions.map((a) => ({ file: a.example.file, action: a })),
		...report.triggers.map((t) => ({ file: t.example.file, trigger: t })),
	].sort((a, b) => a.file.localeCompare(b.file));
	for (const entry of byFile) {
		if ('action' in entry && entry.action) {
			const { example, result, seconds } = entry.action;
			lines.push(
				`${result.ok ? 'OK  ' : 'FAIL'} ${example.file} — ${example.name} (n8n execute, ${seconds.toFixed(1)} s)`,
			);
			const summary = summarize(example.id, result.data);
			lines.push(...summary.map((line) => `       ${line}`));
			if (!result.ok) {
				failures.push(`${example.file}: ${summary[0] ?? 'the execution failed'}`);
				if (!result.data)
					lines.push(
						...result.output
							.trim()
							.split('\n')
							.slice(-15)
							.map((line) => `       | ${line}`),
					);
			}
		} else if ('trigger' in entry && entry.trigger) {
			const { example, expected, emitted, executions } = entry.trigger;
			const missing = expected.filter((key) => !emitted.includes(key));
			const twice = emitted.filter((key, i) => emitted.indexOf(key) !== i);
			const unexpected = emitted.filter((key) => !expected.includes(key));
			const failed = executions.filter((e) => e.status !== 'success');
			const ok = !missing.length && !twice.length && !unexpected.length && !failed.length;
			lines.push(
				`${ok ? 'OK  ' : 'FAIL'} ${example.file} — ${example.name} (published; ${executions.length} execution(s), ${emitted.length}/${expected.length} events)`,
			);
			for (const execution of executions)
				lines.push(...summarize(example.id, execution.data).map((line) => `       ${line}`));
			if (missing.length)
				failures.push(`${example.file}: events never emitted: ${missing.join(', ')}`);
			if (twice.length)
				failures.push(`${example.file}: events emitted more than once: ${twice.join(', ')}`);
			if (unexpected.length)
				failures.push(`${example.file}: unexpected events: ${unexpected.join(', ')}`);
			if (failed.length)
				failures.push(`${example.file}: ${failed.length} execution(s) did not succeed`);
		}
	}
	lines.push('');
	lines.push(
		`Sandbox FHIR receiver: ${sandbox.fhir.resources('DocumentReference').length} DocumentReference(s), ${sandbox.fhir.resources('Composition').length} Composition(s)`,
	);
	lines.push(
		`Local mail catcher: ${smtp.messages.map((m) => `"${m.subject}"`).join(', ') || 'no mail'}`,
	);
	const problems = logProblems(report.n8nLog, report.n8nVersion);
	if (problems.length) failures.push(`n8n log problems:\n  ${problems.join('\n  ')}`);
	return { lines, failures };
}
