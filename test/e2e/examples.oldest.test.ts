/** The e2e suite on the oldest supported n8n (2.8.4, on this machine's Node 20). */
import { describeExamplesOn } from './examples.suite';

describeExamplesOn('oldest');
