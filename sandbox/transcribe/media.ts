import { safeDecode } from '../core/sigv4';

/** Where a MediaFileUri points: `s3://bucket/key`, the AWS https forms, or a path-style URL (the sandbox's S3). */

export interface MediaLocation {
	bucket: string;
	key: string;
	/** Region named by the URI, when it names one. */
	region?: string;
}

export function parseMediaUri(uri: string): MediaLocation | undefined {
	if (uri.startsWith('s3://')) {
		const rest = uri.slice(5);
		const slash = rest.indexOf('/');
		if (slash <= 0 || slash === rest.length - 1) return undefined;
		return { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
	}
	let url: URL;
	try {
		url = new URL(uri);
	} catch {
		return undefined;
	}
	const host = url.hostname;
	const path = url.pathname.replace(/^\//, '');
	const virtual = /^(.+)\.s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$/.exec(host);
	if (virtual) {
		if (path === '') return undefined;
		return { bucket: virtual[1], key: safeDecode(path), region: regionOf(virtual[2]) };
	}
	const slash = path.indexOf('/');
	if (slash <= 0 || slash === path.length - 1) return undefined;
	const location: MediaLocation = {
		bucket: safeDecode(path.slice(0, slash)),
		key: safeDecode(path.slice(slash + 1)),
	};
	const pathStyle = /^s3(?:[.-]([a-z0-9-]+))?\.amazonaws\.com$/.exec(host);
	if (pathStyle) location.region = regionOf(pathStyle[1]);
	return location;
}

/** `s3.amazonaws.com` is us-east-1; `s3.dualstack.<region>` and `s3-external-1` forms are folded in. */
function regionOf(label: string | undefined): string {
	if (!label || label === 'external-1') return 'us-east-1';
	return label.replace(/^dualstack\./, '');
}
