/**
 * Medical scribe jobs on the sandbox clock: QUEUED → IN_PROGRESS → COMPLETED, or FAILED when the media
 * object is missing or not audio. Transitions are applied by tick(), which the sandbox runs before
 * every request and on a timer; timestamps are the scheduled times, so lazy ticking is exact.
 */
import { detectAudioContainer } from '../audio/detect';
import { pickEncounter } from '../data/encounters';
import type { EmulatorContext } from '../core/types';
import { parseMediaUri } from './media';
import { buildClinicalDocument, buildTranscript } from './outputs';
import type { NoteTemplate, ScribeJob, StartRequest } from './shapes';
import { DEFAULT_TEMPLATE } from './templates';

export interface JobTimings {
	/** Time a job stays QUEUED (sandbox ms). */
	queuedMs: number;
	/** Time a job stays IN_PROGRESS (sandbox ms). */
	processingMs: number;
}

export type OutputUriStyle = 'https' | 's3';

export const FAILURE_MEDIA_MISSING =
	"The media file couldn't be accessed. Check that the S3 URI is correct and that the data access role can read it, then try your request again.";
export const FAILURE_NOT_AUDIO =
	'The media file is not in a supported audio format (AMR, FLAC, M4A, MP3, MP4, Ogg, WebM or WAV). Check the file and try your request again.';
export const FAILURE_OUTPUT_BUCKET =
	"The output bucket doesn't exist or the data access role can't write to it.";

export class JobBook {
	private readonly jobs = new Map<string, ScribeJob>();
	/** Non-terminal jobs: what tick() looks at and what the concurrency limit counts. */
	private readonly active = new Set<ScribeJob>();
	private seq = 0;

	constructor(
		private readonly ctx: EmulatorContext,
		private readonly timings: JobTimings,
		private readonly uriStyle: OutputUriStyle,
		/** Why the job's vocabulary or vocabulary filter cannot be used, if it cannot (checked when processing starts). */
		private readonly resourceProblem: (request: StartRequest) => string | undefined = () =>
			undefined,
	) {}

	get activeCount(): number {
		return this.active.size;
	}

	get(name: string): ScribeJob | undefined {
		return this.jobs.get(name);
	}

	all(): ScribeJob[] {
		return [...this.jobs.values()];
	}

	create(request: StartRequest): ScribeJob {
		const now = this.ctx.clock.now();
		const startAt = now + this.timings.queuedMs;
		const job: ScribeJob = {
			request,
			status: 'QUEUED',
			seq: ++this.seq,
			creationTime: now,
			startAt,
			finishAt: startAt + this.timings.processingMs,
		};
		this.jobs.set(request.MedicalScribeJobName, job);
		this.active.add(job);
		return job;
	}

	delete(name: string): void {
		const job = this.jobs.get(name);
		if (job) this.active.delete(job);
		this.jobs.delete(name);
	}

	tick(): void {
		if (this.active.size === 0) return;
		const now = this.ctx.clock.now();
		for (const job of this.active) {
			if (job.status === 'QUEUED' && now >= job.startAt) this.begin(job);
			if (job.status === 'IN_PROGRESS' && now >= job.finishAt) this.finish(job);
		}
	}

	private begin(job: ScribeJob): void {
		job.startTime = job.startAt;
		const location = parseMediaUri(job.request.Media.MediaFileUri ?? '');
		const object = location && this.ctx.store.get(location.bucket, location.key);
		if (!object) return this.fail(job, job.startAt, FAILURE_MEDIA_MISSING);
		if (!detectAudioContainer(object.body)) return this.fail(job, job.startAt, FAILURE_NOT_AUDIO);
		const problem = this.resourceProblem(job.request);
		if (problem) return this.fail(job, job.startAt, problem);
		job.status = 'IN_PROGRESS';
	}

	private finish(job: ScribeJob): void {
		const r = job.request;
		const bucket = r.OutputBucketName;
		if (!this.ctx.store.hasBucket(bucket))
			return this.fail(job, job.finishAt, FAILURE_OUTPUT_BUCKET);
		const name = r.MedicalScribeJobName;
		const encounter = pickEncounter(name);
		const template = (r.Settings.ClinicalNoteGenerationSettings?.NoteTemplate ??
			DEFAULT_TEMPLATE) as NoteTemplate;
		const transcriptKey = `${name}/transcript.json`;
		const summaryKey = `${name}/summary.json`;
		this.ctx.store.put(
			bucket,
			transcriptKey,
			JSON.stringify(buildTranscript(name, encounter)),
			'application/json',
		);
		this.ctx.store.put(
			bucket,
			summaryKey,
			JSON.stringify(buildClinicalDocument(name, encounter, template)),
			'application/json',
		);
		job.output = {
			TranscriptFileUri: this.uri(bucket, transcriptKey),
			ClinicalDocumentUri: this.uri(bucket, summaryKey),
		};
		job.status = 'COMPLETED';
		job.completionTime = job.finishAt;
		this.active.delete(job);
	}

	private fail(job: ScribeJob, at: number, reason: string): void {
		job.status = 'FAILED';
		job.failureReason = reason;
		job.completionTime = at;
		this.active.delete(job);
	}

	/** `https://s3.<region>.amazonaws.com/<bucket>/<key>` (the form Transcribe uses for output files) or `s3://`. */
	private uri(bucket: string, key: string): string {
		const path = key.split('/').map(encodeURIComponent).join('/');
		return this.uriStyle === 's3'
			? `s3://${bucket}/${key}`
			: `https://s3.${this.ctx.region}.amazonaws.com/${bucket}/${path}`;
	}
}
