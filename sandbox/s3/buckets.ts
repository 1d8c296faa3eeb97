/** Bucket-level operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, DeleteObjects. */
import { ServiceError } from '../core/errors';
import type { EmulatorContext, SandboxRequest, SandboxResponse } from '../core/types';
import { malformedXml, noSuchBucket } from './errors';
import { elementTexts, rawElements, xmlElement, xmlResponse } from './xml';

export const OWNER = {
	id: 'sandbox0000000000000000000000000000000000000000000000000000000001',
	displayName: 'sandbox',
};

const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

export function validBucketName(name: string): boolean {
	return BUCKET_NAME.test(name) && !name.includes('..') && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}

export function requireBucket(ctx: EmulatorContext, bucket: string): void {
	if (!ctx.store.hasBucket(bucket)) throw noSuchBucket(bucket);
}

export function listBuckets(ctx: EmulatorContext): SandboxResponse {
	const buckets = ctx.store
		.buckets()
		.map(
			(b) =>
				`<Bucket>${xmlElement('Name', b.name)}${xmlElement('CreationDate', b.creationDate.toISOString())}</Bucket>`,
		)
		.join('');
	return xmlResponse(
		'ListAllMyBucketsResult',
		`<Owner>${xmlElement('ID', OWNER.id)}${xmlElement('DisplayName', OWNER.displayName)}</Owner><Buckets>${buckets}</Buckets>`,
	);
}

export function createBucket(
	ctx: EmulatorContext,
	bucket: string,
	req: SandboxRequest,
): SandboxResponse {
	if (!validBucketName(bucket))
		throw new ServiceError(400, 'InvalidBucketName', 'The specified bucket is not valid.', {
			BucketName: bucket,
		});
	const body = req.body.toString('utf8');
	const constraint = body ? elementTexts(body, 'LocationConstraint')[0] : undefined;
	if (
		constraint !== undefined &&
		constraint !== ctx.region &&
		!(ctx.region === 'us-east-1' && constraint === '')
	) {
		throw new ServiceError(
			400,
			'IllegalLocationConstraintException',
			`The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`,
		);
	}
	// us-east-1 answers 200 when you re-create a bucket you already own.
	ctx.store.ensureBucket(bucket);
	return { status: 200, headers: { location: `/${bucket}` } };
}

export function headBucket(ctx: EmulatorContext, bucket: string): SandboxResponse {
	requireBucket(ctx, bucket);
	return { status: 200, headers: { 'x-amz-bucket-region': ctx.region } };
}

export function deleteBucket(ctx: EmulatorContext, bucket: string): SandboxResponse {
	requireBucket(ctx, bucket);
	if (!ctx.store.deleteBucket(bucket)) {
		throw new ServiceError(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', {
			BucketName: bucket,
		});
	}
	return { status: 204 };
}

export function bucketLocation(ctx: EmulatorContext, bucket: string): SandboxResponse {
	requireBucket(ctx, bucket);
	// us-east-1 is reported as an empty constraint.
	const region = ctx.region === 'us-east-1' ? '' : ctx.region;
	return xmlResponse('LocationConstraint', region.replace(/[<>&]/g, ''));
}

export function deleteObjects(
	ctx: EmulatorContext,
	bucket: string,
	req: SandboxRequest,
): SandboxResponse {
	requireBucket(ctx, bucket);
	const xml = req.body.toString('utf8');
	if (!xml.includes('<Delete')) throw malformedXml();
	const objects = rawElements(xml, 'Object');
	if (objects.length === 0 || objects.length > 1000) throw malformedXml();
	const quiet = elementTexts(xml, 'Quiet')[0] === 'true';
	let out = '';
	for (const object of objects) {
		const key = elementTexts(object, 'Key')[0];
		if (key === undefined) throw malformedXml();
		ctx.store.delete(bucket, key);
		if (!quiet) out += `<Deleted>${xmlElement('Key', key)}</Deleted>`;
	}
	return xmlResponse('DeleteResult', out);
}
