import { randomBytes } from 'node:crypto';

/**
 * Session and recording ids: 128-bit numbers written in decimal, always 39 digits (the top bit
 * is set), like the real ids third-party code shows. They are strings on the wire and far beyond
 * Number.MAX_SAFE_INTEGER, so any client that turns them into numbers breaks visibly.
 */
export function bigDecimalId(): string {
	const value = BigInt(`0x${randomBytes(16).toString('hex')}`) | (1n << 127n);
	return value.toString(10);
}

/** Profiles, templates, documents, context records: 24-hex MongoDB ObjectId style. */
export function objectId(): string {
	const seconds = Math.floor(Date.now() / 1000)
		.toString(16)
		.padStart(8, '0');
	return seconds + randomBytes(8).toString('hex');
}
