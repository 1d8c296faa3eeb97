/** The flexible checksums S3 accepts (`x-amz-checksum-<algorithm>`), base64 of the big-endian digest. */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'crc64nvme', 'sha1', 'sha256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

function reflectedTable32(poly: number): Uint32Array {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
}

function reflectedTable64(poly: bigint): BigUint64Array {
	const table = new BigUint64Array(256);
	for (let n = 0; n < 256; n++) {
		let c = BigInt(n);
		for (let k = 0; k < 8; k++) c = c & 1n ? (c >> 1n) ^ poly : c >> 1n;
		table[n] = c;
	}
	return table;
}

let crc32cTable: Uint32Array | undefined;
let crc64Table: BigUint64Array | undefined;

function crc32c(data: Buffer): number {
	crc32cTable ??= reflectedTable32(0x82f63b78);
	let c = 0xffffffff;
	for (const byte of data) c = crc32cTable[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

function crc64nvme(data: Buffer): bigint {
	crc64Table ??= reflectedTable64(0x9a6c9329ac4bc9b5n);
	const mask = 0xffffffffffffffffn;
	let c = mask;
	for (const byte of data) c = crc64Table[Number((c ^ BigInt(byte)) & 0xffn)] ^ (c >> 8n);
	return (c ^ mask) & mask;
}

function uint32(value: number): Buffer {
	const out = Buffer.alloc(4);
	out.writeUInt32BE(value >>> 0);
	return out;
}

export function checksum(algorithm: ChecksumAlgorithm, data: Buffer): string {
	switch (algorithm) {
		case 'crc32':
			return uint32(crc32(data)).toString('base64');
		case 'crc32c':
			return uint32(crc32c(data)).toString('base64');
		case 'crc64nvme': {
			const out = Buffer.alloc(8);
			out.writeBigUInt64BE(crc64nvme(data));
			return out.toString('base64');
		}
		case 'sha1':
		case 'sha256':
			return createHash(algorithm).update(data).digest('base64');
	}
}
