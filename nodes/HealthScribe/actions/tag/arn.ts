import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { ItemValidator } from '../../../common/validate';
import { params } from '../../../common/params';

/** TagResource's ResourceArn (model: 1..1011 characters of this pattern). */
export const RESOURCE_ARN_PATTERN =
	/^arn:aws(-[^:]+)?:transcribe:[a-zA-Z0-9-]*:[0-9]{12}:[a-zA-Z-]*\/[0-9a-zA-Z._-]+$/;
const RESOURCE_ARN_MAX = 1011;

export function resourceArnProperty(): INodeProperties {
	return {
		displayName: 'Resource ARN',
		name: 'tagResourceArn',
		type: 'string',
		required: true,
		default: '',
		placeholder:
			'arn:aws:transcribe:us-east-1:123456789012:medical-scribe-job/visit-2024-05-14-room12',
		description:
			'ARN of a medical scribe job (…:medical-scribe-job/NAME), a vocabulary (…:vocabulary/NAME or …:medical-vocabulary/NAME) or a vocabulary filter (…:vocabulary-filter/NAME)',
	};
}

export function readResourceArn(context: IExecuteFunctions, i: number): string {
	const arn = params(context, i).string('tagResourceArn', 'Resource ARN');
	const v = new ItemValidator(context.getNode(), i);
	v.required('Resource ARN', arn);
	v.length('Resource ARN', arn, 1, RESOURCE_ARN_MAX);
	v.pattern(
		'Resource ARN',
		arn,
		RESOURCE_ARN_PATTERN,
		'Use a Transcribe ARN like arn:aws:transcribe:us-east-1:123456789012:vocabulary/cardiology-terms.',
	);
	return arn;
}
