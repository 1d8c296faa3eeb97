import { ServiceError } from '../core/errors';

export const noSuchBucket = (bucket: string): ServiceError =>
	new ServiceError(404, 'NoSuchBucket', 'The specified bucket does not exist', {
		BucketName: bucket,
	});
export const noSuchKey = (key: string): ServiceError =>
	new ServiceError(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
export const invalidArgument = (message: string, name: string, value: string): ServiceError =>
	new ServiceError(400, 'InvalidArgument', message, { ArgumentName: name, ArgumentValue: value });
export const malformedXml = (): ServiceError =>
	new ServiceError(
		400,
		'MalformedXML',
		'The XML you provided was not well-formed or did not validate against our published schema',
	);
export const notImplemented = (what: string): ServiceError =>
	new ServiceError(
		501,
		'NotImplemented',
		`A header or query you provided requested a function that is not implemented (sandbox: ${what}).`,
	);
export const badDigest = (algorithm: string): ServiceError =>
	new ServiceError(
		400,
		'BadDigest',
		`The ${algorithm} you specified did not match the calculated checksum.`,
	);
