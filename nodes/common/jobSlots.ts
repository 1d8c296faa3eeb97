import { sleep } from 'n8n-workflow';

/** Status reads sent at once while looking for finished jobs. */
const READ_BATCH = 5;

/** Thrown by `acquire` when no slot freed up before the batch's deadline. */
export class NoSlotError extends Error {
	constructor() {
		super('No job slot freed up within the maximum time');
		this.name = 'NoSlotError';
	}
}

export interface JobSlotOptions {
	/** Most of this batch's jobs running at once (lowered when the service says its quota is full). */
	capacity: number;
	/** Cap on the time any item waits for a slot, counted from the batch's start (ms). */
	maxWaitMs: number;
	/** Whether a job this batch started has finished (one status read). */
	isFinished(id: string): Promise<boolean>;
	/** Poll delays while waiting: the first, doubling up to the last; back to the first after progress. */
	firstDelayMs?: number;
	maxDelayMs?: number;
	now?: () => number;
	wait?: (ms: number) => Promise<void>;
}

/**
 * Job slots of one batch (one node execution): at most `capacity` of the jobs it started run at
 * once. A waiting item polls the OLDEST running jobs only (jobs of a batch finish roughly in the
 * order they started), so a wait costs a few status reads per poll, not one per running job; one poll
 * serves every waiter. Beyond `maxWaitMs` from the batch's start `acquire` gives up with
 * NoSlotError, so a batch never hangs on a full quota.
 */
export class JobSlots {
	private capacity: number;
	private readonly running: string[] = [];
	/** When each running job took its slot, and the shortest life seen so far (start to seen finished). */
	private readonly startedAt = new Map<string, number>();
	private shortestJobMs?: number;
	private reserved = 0;
	private readonly deadline: number;
	private delay: number;
	/** Whether a poll (a sleep, then status reads) is under way; waiters join it rather than start another. */
	private polling = false;
	/** Waiters of the poll under way, woken when a round of reads frees a slot or the poll ends. */
	private wakers: Array<() => void> = [];
	private readonly now: () => number;
	private readonly wait: (ms: number) => Promise<void>;

	constructor(private readonly options: JobSlotOptions) {
		this.capacity = Math.max(1, Math.floor(options.capacity));
		this.now = options.now ?? Date.now;
		this.wait = options.wait ?? sleep;
		this.deadline = this.now() + options.maxWaitMs;
		this.delay = this.firstDelay;
	}

	private get firstDelay(): number {
		return this.options.firstDelayMs ?? 250;
	}

	/** Waits for a free slot and reserves it; call `started` or `release` afterwards. */
	async acquire(): Promise<void> {
		for (;;) {
			if (this.running.length + this.reserved < this.capacity) {
				this.reserved++;
				return;
			}
			if (this.now() >= this.deadline) throw new NoSlotError();
			await this.poll();
		}
	}

	/** The reserved slot now holds job `id` (started, or found still running). */
	started(id: string): void {
		this.reserved = Math.max(0, this.reserved - 1);
		if (this.running.includes(id)) return;
		this.running.push(id);
		this.startedAt.set(id, this.now());
	}

	/** The reserved slot is not used (the start failed, or the job had finished already). */
	release(): void {
		this.reserved = Math.max(0, this.reserved - 1);
	}

	/** Job `id` is known to have finished (an item waited for it). */
	finished(id: string): void {
		const at = this.running.indexOf(id);
		if (at >= 0) this.running.splice(at, 1);
		const since = this.startedAt.get(id);
		this.startedAt.delete(id);
		if (since !== undefined)
			this.shortestJobMs = Math.min(this.shortestJobMs ?? Infinity, this.now() - since);
	}

	/**
	 * How long to sleep before the next read: once a job has been seen to finish, until the oldest
	 * running job is as old as the shortest job seen (jobs of one batch take about as long), so the
	 * reads come when slots free up rather than on a back-off that overshoots by up to its last step.
	 * Without that estimate, or once the oldest job is overdue: the doubling back-off, capped.
	 */
	private nextDelay(): number {
		const oldest = this.running[0];
		const since = oldest === undefined ? undefined : this.startedAt.get(oldest);
		if (since !== undefined && this.shortestJobMs !== undefined) {
			const due = since + this.shortestJobMs - this.now();
			if (due > 0) return Math.min(due, this.maxDelay);
		}
		// Never sleep longer than a twentieth of the oldest job's age: a wait overshoots a job's end by
		// at most ~5 %, whether jobs last seconds or hours.
		const age = since === undefined ? 0 : this.now() - since;
		return Math.min(this.delay, Math.max(this.firstDelay, age / 20));
	}

	private get maxDelay(): number {
		return this.options.maxDelayMs ?? 15_000;
	}

	/**
	 * The service refused a start because the account runs as many jobs as its quota allows (some
	 * may be other workflows'): give the slot back, run no more of ours at once than run now, and
	 * wait a poll before the caller tries again. Throws NoSlotError past the deadline.
	 */
	async quotaFull(): Promise<void> {
		this.release();
		this.capacity = Math.max(1, Math.min(this.capacity, this.running.length));
		if (this.now() >= this.deadline) throw new NoSlotError();
		await this.poll(true);
	}

	/**
	 * Reads the oldest running jobs, READ_BATCH at a time in parallel, and drops the finished ones;
	 * stops at the first batch with a job still running (the younger ones most likely are too). The
	 * waiters are woken after every batch that freed a slot, not at the end of the walk: when a wave
	 * of jobs ends together, the first freed slots start new jobs while the rest are still read.
	 */
	private async dropFinished(): Promise<void> {
		for (;;) {
			const oldest = this.running.slice(0, READ_BATCH);
			if (oldest.length === 0) return;
			const done = await Promise.all(oldest.map(async (id) => await this.options.isFinished(id)));
			oldest.forEach((id, i) => done[i] && this.finished(id));
			if (done.some(Boolean)) this.wake();
			if (!done.every(Boolean)) return;
		}
	}

	private wake(): void {
		for (const wake of this.wakers.splice(0)) wake();
	}

	/**
	 * Waits for the shared poll (sleep, then drop every finished job from the front of the running
	 * list) to free a slot or end; starts it when none is under way.
	 */
	private poll(forceWait = false): Promise<void> {
		const woken = new Promise<void>((resolve) => this.wakers.push(resolve));
		if (!this.polling) {
			this.polling = true;
			void (async () => {
				try {
					const before = this.running.length;
					await this.wait(Math.min(this.nextDelay(), Math.max(0, this.deadline - this.now())));
					await this.dropFinished();
					const progressed = this.running.length < before;
					this.delay =
						progressed && !forceWait ? this.firstDelay : Math.min(this.delay * 2, this.maxDelay);
				} catch {
					// A failed read counts as "not finished yet" (isFinished); anything else ends this poll
					// only: the waiters poll again, until the deadline.
				} finally {
					this.polling = false;
					this.wake();
				}
			})();
		}
		return woken;
	}
}
