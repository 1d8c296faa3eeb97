// Lint for the shipped sources (nodes/, credentials/, package.json), wired as n8n's community-node
// starter does (@n8n/node-cli's `configWithoutCloudSupport`): n8n's community-node rules plus
// the rule sets of eslint-plugin-n8n-nodes-base.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// This package targets self-hosted n8n, not n8n Cloud, so it uses the config for packages
// without Cloud support (no restricted globals or imports).
const communityNodes = n8nCommunityNodesPlugin.configs.recommendedWithoutN8nCloudSupport;

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', '**/*.js'] },
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['**/*.ts'],
		extends: [communityNodes],
		languageOptions: { parser: tseslint.parser, sourceType: 'module' },
		rules: { 'no-console': 'error' },
	},
	{
		files: ['package.json'],
		extends: [communityNodes],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { extraFileExtensions: ['.json'] },
		},
		rules: {
			...n8nNodesBase.configs.community.rules,
			'n8n-nodes-base/community-package-json-name-still-default': 'off',
		},
	},
	{
		// Self-hosted only: the nodes call AWS (S3, STS, Transcribe) through the AWS SDK, which ships
		// as runtime dependencies (README, "Supported n8n"). n8n Cloud forbids runtime dependencies:
		// this rule is off here, and scripts/scan.mjs accepts the scanner's findings of it.
		files: ['package.json', '**/*.ts'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Our documentation lives in the package README, not on docs.n8n.io.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// As in @n8n/node-cli: inputs/outputs use the NodeConnectionTypes enum.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-trigger-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			// The per-item loop (common/items.ts) handles continueOnFail for every operation.
			'n8n-nodes-base/node-execute-block-missing-continue-on-fail': 'off',
			'n8n-nodes-base/node-resource-description-filename-against-convention': 'off',
			'n8n-nodes-base/node-param-fixed-collection-type-unsorted-items': 'off',
		},
	},
);
