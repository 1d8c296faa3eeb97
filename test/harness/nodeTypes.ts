import './env';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { PackageDirectoryLoader } from 'n8n-core';
import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialType,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
	INodeExecutionData,
	IExecuteFunctions,
} from 'n8n-workflow';

export const PACKAGE_ROOT = path.resolve(__dirname, '../..');
export const PACKAGE_NAME = 'n8n-nodes-clinical-scribe';

/** Loads nodes and credentials from dist exactly as n8n does, skipping files not built yet. */
class BuiltPackageLoader extends PackageDirectoryLoader {
	loadNodeFromFile(filePath: string, packageVersion?: string) {
		if (!existsSync(path.join(this.directory, filePath))) return;
		super.loadNodeFromFile(filePath, packageVersion);
	}
}

/** Stand-ins for the two n8n-nodes-base nodes that test workflows start with. */
class ManualTrigger implements INodeType {
	description = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		group: ['trigger'],
		version: 1,
		description: '',
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: ['main'],
		properties: [],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class NoOp implements INodeType {
	description = {
		...new ManualTrigger().description,
		displayName: 'No Operation',
		name: 'noOp',
		group: ['organization'],
		inputs: ['main'],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

export interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
}

let loaded: Promise<LoadedPackage> | undefined;

/** Node types that exist only in tests, registered under `n8n-nodes-base.<name>`-free test names. */
const testNodeTypes: Record<string, INodeType> = {};

export function registerTestNode(type: string, node: INodeType): void {
	testNodeTypes[type] = node;
}

async function load(): Promise<LoadedPackage> {
	const loader = new BuiltPackageLoader(PACKAGE_ROOT);
	await loader.loadAll();
	const types: Record<string, INodeType | IVersionedNodeType> = {
		'n8n-nodes-base.manualTrigger': new ManualTrigger(),
		'n8n-nodes-base.noOp': new NoOp(),
	};
	for (const [name, { type }] of Object.entries(loader.nodeTypes))
		types[`${PACKAGE_NAME}.${name}`] = type;
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const [name, { type }] of Object.entries(loader.credentialTypes))
		credentialTypes[name] = type;
	const nodeTypes: INodeTypes = {
		getByName: (name) => {
			const type = types[name] ?? testNodeTypes[name];
			if (!type) throw new Error(`Unknown node type ${name} (is it built into dist?)`);
			return type;
		},
		getByNameAndVersion: (name, version) =>
			NodeHelpers.getVersionedNodeType(nodeTypes.getByName(name), version),
		getKnownTypes: () => ({}),
	};
	return { nodeTypes, credentialTypes };
}

export function loadPackage(): Promise<LoadedPackage> {
	loaded ??= load();
	return loaded;
}
