/**
 * Where credentials and PHI may be sent. Plain `http://` is accepted only for loopback hosts (a local
 * proxy or the sandbox) unless the credential's explicitly named insecure option is on; anything
 * else must be `https://`, so tokens and clinical text never travel in clear.
 */

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
	if (LOOPBACK_NAMES.has(host) || host.endsWith('.localhost')) return true;
	return /^127(\.\d{1,3}){3}$/.test(host) || /^::ffff:127(\.\d{1,3}){3}$/.test(host);
}

/**
 * What is wrong with an endpoint URL, in words for the user; undefined when it may be used.
 * `allowInsecure` is the credential's "Allow Unencrypted HTTP" switch.
 */
export function endpointProblem(value: string, allowInsecure: boolean): string | undefined {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return 'it is not a URL; enter one like https://host.example.org';
	}
	if (url.username || url.password)
		return 'it contains a user name or password; remove them from the URL';
	if (url.protocol === 'https:') return undefined;
	if (url.protocol !== 'http:') return 'it must start with https://';
	if (isLoopbackHost(url.hostname) || allowInsecure) return undefined;
	return 'plain http:// would send credentials and patient data unencrypted; use https://, or turn on the credential field "Allow Unencrypted HTTP" only for a trusted private network';
}
