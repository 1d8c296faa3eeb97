/**
 * Wire timestamps → ISO 8601 strings. Connect Health sends epoch seconds (JSON numbers, possibly
 * fractional) everywhere except the patient-insights `creationTime`/`updatedTime`, which are
 * date-time strings. Each reader also accepts the other form, so a service change cannot break it.
 */

function fromEpochSeconds(seconds: number): string | undefined {
	const date = new Date(Math.round(seconds * 1000));
	return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function fromDateTime(text: string): string | undefined {
	const ms = Date.parse(text);
	return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `946702799.999` → `2000-01-01T04:59:59.999Z`; absent stays absent. */
export function epochSecondsToIso(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return fromEpochSeconds(value);
	if (typeof value === 'string' && value.trim() !== '')
		return Number.isFinite(Number(value)) ? fromEpochSeconds(Number(value)) : fromDateTime(value);
	return undefined;
}

/** `2000-01-01T04:59:59.999Z` (any RFC 3339 offset) → UTC ISO string; absent stays absent. */
export function dateTimeToIso(value: unknown): string | undefined {
	if (typeof value === 'string' && value.trim() !== '')
		return fromDateTime(value) ?? epochSecondsToIso(value);
	if (typeof value === 'number') return epochSecondsToIso(value);
	return undefined;
}
