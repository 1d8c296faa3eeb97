import type { GetVocabularyResponse } from '@aws-sdk/client-transcribe';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { redact } from '../../../common/redact';
import {
	readWaitSettings,
	waitForCompletion,
	waitProperties,
	type WaitDefaults,
} from '../../../common/waitFor';
import {
	getVocabulary,
	vocabularyOperation,
	type VocabularyKind,
} from '../../transport/vocabularies';

export const WAIT: WaitDefaults = {
	maxWaitMinutes: 10,
	onTimeout: 'error',
	description:
		'Whether to wait until Transcribe has processed the vocabulary (READY or FAILED) before passing the item on',
};

/** "Wait Until Ready", "Max Wait (Minutes)", "On Timeout" for Create and Update. */
export function vocabularyWaitProperties(): INodeProperties[] {
	return waitProperties({}, WAIT).map((property) => {
		if (property.name === 'waitForCompletion')
			return { ...property, displayName: 'Wait Until Ready' };
		if (property.name === 'onTimeout')
			return {
				...property,
				options: [
					{ name: 'Raise an Error', value: 'error' },
					{ name: 'Return Vocabulary As It Stands', value: 'returnJob' },
				],
			};
		return property;
	});
}

/**
 * Polls Get(Medical)Vocabulary right away, then backing off, until READY or FAILED. FAILED is an
 * error carrying AWS's (redacted) failure reason; on timeout the vocabulary is returned or an error raised.
 */
export async function waitUntilReady(
	context: IExecuteFunctions,
	kind: VocabularyKind,
	name: string,
	i: number,
): Promise<GetVocabularyResponse | undefined> {
	const settings = readWaitSettings(context, i, WAIT);
	if (!settings) return undefined;
	const operation = vocabularyOperation(kind, 'Get');
	const { value } = await waitForCompletion(context, i, settings, {
		read: async () => await getVocabulary(context, kind, name, i),
		done: (vocabulary) =>
			vocabulary.VocabularyState === 'READY' || vocabulary.VocabularyState === 'FAILED',
		failure: (vocabulary) =>
			vocabulary.VocabularyState === 'FAILED'
				? {
						message: `${operation}: Transcribe could not build the vocabulary (FAILED)`,
						description: vocabulary.FailureReason
							? `AWS says: ${redact(vocabulary.FailureReason)}`
							: 'AWS gave no failure reason.',
					}
				: undefined,
		timeout: (vocabulary) => ({
			message: `${operation}: the vocabulary is still ${vocabulary.VocabularyState ?? 'PENDING'} after the maximum wait`,
			description:
				'Raise "Max Wait (Minutes)", set "On Timeout" to "Return Vocabulary As It Stands", or check it later with Get.',
		}),
	});
	return value;
}
