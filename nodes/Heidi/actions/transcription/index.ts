import { defineResource } from '../../../common/operation';
import { finishRecording } from './finishRecording';
import { getLiveTranscript } from './getLiveTranscript';
import { getTranscript } from './getTranscript';
import { startRecording } from './startRecording';
import { uploadAudio } from './uploadAudio';
import { uploadSegment } from './uploadSegment';

export const transcription = defineResource(
	{ value: 'transcription', name: 'Transcription', default: 'finishRecording' },
	{ uploadAudio, startRecording, uploadSegment, finishRecording, getTranscript, getLiveTranscript },
);
