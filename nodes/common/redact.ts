/**
 * Removes secrets and patient identifiers from any text that can reach an error message,
 * an output item or a log. Vendor messages often quote the offending value back; we keep the
 * sentence (it tells the user what went wrong) and drop the values.
 */

const REDACTED = '[redacted]';

/** JSON keys whose values are secrets or PHI in the three APIs (members the API references mark sensitive). */
export const SENSITIVE_KEYS = [
	'accessKeyId',
	'secretAccessKey',
	'sessionToken',
	'apiKey',
	'token',
	'jwt',
	'oauthToken',
	'password',
	'authorization',
	'patientId',
	'patient_id',
	'ehrPatientId',
	'ehr_patient_id',
	'dateOfBirth',
	'date_of_birth',
	'dob',
	'birthDate',
	'pronouns',
	'Pronouns',
	'encounterReason',
	'userId',
	'unstructuredContext',
	'sectionHeader',
	'sectionInstruction',
	'email',
	'name',
	'first_name',
	'last_name',
	'patient_name',
	'given',
	'family',
	'gender',
	'phone',
	'address',
	'clinician_notes',
	'content',
	'text',
	'note',
];

const keyAlternation = SENSITIVE_KEYS.map((k) => k.replace(/[-_]/g, '[-_]?')).join('|');

const PATTERNS: Array<[RegExp, string]> = [
	// "key": "value" / key=value / key: value for sensitive keys (JSON, query strings, headers).
	[new RegExp(`("(?:${keyAlternation})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${REDACTED}"`],
	[new RegExp(`\\b((?:${keyAlternation})\\s*[=:]\\s*)[^\\s&,;"']+`, 'gi'), `$1${REDACTED}`],
	// Authorization material.
	[/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, `$1 ${REDACTED}`],
	[/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, REDACTED],
	[/\b(?:AKIA|ASIA|AIDA|AROA|ABIA|ACCA)[A-Z0-9]{12,}\b/g, REDACTED],
	[
		/\b(Signature|X-Amz-Signature|X-Amz-Security-Token|X-Amz-Credential|Credential)=[^\s,&]+/gi,
		`$1=${REDACTED}`,
	],
	[/\b(heidi-api-key|x-api-key|api[-_]?key)(["']?\s*[:=]\s*["']?)[^\s"',;&]+/gi, `$1$2${REDACTED}`],
	// Long opaque strings (secret keys, session tokens): 32+ chars of base64 alphabet with mixed classes.
	[
		/(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+=]*[0-9])(?=[A-Za-z0-9/+=]*[a-z])(?=[A-Za-z0-9/+=]*[A-Z])[A-Za-z0-9/+=]{32,}(?![A-Za-z0-9/+=])/g,
		REDACTED,
	],
	// Identifiers and personal data that vendors echo back in messages.
	[/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, REDACTED],
	[/\b\d{4}-\d{2}-\d{2}(?!T)\b/g, REDACTED],
	[/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, REDACTED],
	[/\b\d{6,}\b/g, REDACTED],
];

/**
 * Quoted values in prose ('job-name', "Jane"): AWS and Heidi quote the input they reject.
 * Field names stay readable: a quote right after "at"/"field"/"member"/"parameter" or one that
 * is a JSON key names a field, not a value.
 */
const QUOTED = /(?<![A-Za-z0-9])(['"])([^'"\n]{1,200})\1(?![A-Za-z0-9])(\s*:)?/g;
const NAMES_A_FIELD = /\b(?:at|field|member|parameter|property|header|key)\s*$/i;

function redactQuoted(text: string): string {
	return text.replace(
		QUOTED,
		(match, quote: string, value: string, colon: string | undefined, offset: number) => {
			if (
				colon ||
				value === REDACTED ||
				NAMES_A_FIELD.test(text.slice(Math.max(0, offset - 12), offset))
			)
				return match;
			return `${quote}${REDACTED}${quote}`;
		},
	);
}

/** Redacts secrets, identifiers and quoted values; `secrets` are exact values to remove too. */
export function redact(text: string, secrets: readonly unknown[] = []): string {
	let out = String(text);
	for (const secret of secrets) {
		if (typeof secret === 'string' && secret.length >= 4) out = out.split(secret).join(REDACTED);
	}
	for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
	return redactQuoted(out);
}
