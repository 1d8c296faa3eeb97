import { ServiceError, type Protocol } from './errors';

export type ServiceName = 's3' | 'sts' | 'transcribe' | 'connectHealth' | 'heidi' | 'fhir';

export const SERVICE_NAMES: readonly ServiceName[] = [
	's3',
	'transcribe',
	'connectHealth',
	'heidi',
	'sts',
	'fhir',
];

/** How the server treats one emulated service: its wire protocol, its SigV4 signing name and its stock errors. */
export interface ServiceProfile {
	name: ServiceName;
	protocol: Protocol;
	/** SigV4 signing name; unset = no SigV4 (Heidi has its own JWT auth, the FHIR receiver is open). */
	signingName?: string;
	/** The error this service answers when its rate limit is hit. */
	throttle(): ServiceError;
	/** The error of an injected server fault. */
	internal(): ServiceError;
}

export const SERVICE_PROFILES: Record<ServiceName, ServiceProfile> = {
	s3: {
		name: 's3',
		protocol: 'restXml',
		signingName: 's3',
		throttle: () => new ServiceError(503, 'SlowDown', 'Please reduce your request rate.'),
		internal: () =>
			new ServiceError(500, 'InternalError', 'We encountered an internal error. Please try again.'),
	},
	sts: {
		name: 'sts',
		protocol: 'awsQuery',
		signingName: 'sts',
		throttle: () => new ServiceError(400, 'Throttling', 'Rate exceeded'),
		internal: () =>
			new ServiceError(
				500,
				'InternalFailure',
				'The request processing has failed because of an unknown error, exception or failure.',
			),
	},
	transcribe: {
		name: 'transcribe',
		protocol: 'awsJson1_1',
		signingName: 'transcribe',
		// LimitExceededException is Transcribe's "too many requests" error (https://docs.aws.amazon.com/transcribe/latest/APIReference/API_StartMedicalScribeJob.html#API_StartMedicalScribeJob_Errors).
		throttle: () =>
			new ServiceError(
				429,
				'LimitExceededException',
				'You have exceeded the rate limit for this operation. Try your request again later.',
			),
		internal: () =>
			new ServiceError(
				500,
				'InternalFailureException',
				'We were unable to process your request. Try your request again.',
			),
	},
	connectHealth: {
		name: 'connectHealth',
		protocol: 'restJson1',
		signingName: 'health-agent',
		throttle: () => new ServiceError(429, 'ThrottlingException', 'Rate exceeded'),
		internal: () =>
			new ServiceError(
				500,
				'InternalServerException',
				'An internal error occurred. Try again later.',
			),
	},
	heidi: {
		name: 'heidi',
		protocol: 'heidi',
		throttle: () => new ServiceError(429, 'RateLimitExceededError', 'Too many requests'),
		internal: () => new ServiceError(500, 'InternalServerError', 'Internal server error'),
	},
	fhir: {
		name: 'fhir',
		protocol: 'fhir',
		throttle: () => new ServiceError(429, 'throttled', 'Too many requests'),
		internal: () => new ServiceError(500, 'exception', 'Internal server error'),
	},
};
