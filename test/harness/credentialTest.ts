import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRunExecutionData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';
import { ExecuteContext, RoutingNode } from 'n8n-core';

import { credentialTypes, TestCredentialsHelper } from './credentialsHelper';
import { additionalDataFor } from './additionalData';

/**
 * Tests a credential the way the n8n server's "Test" button does (n8n's CredentialsTester):
 * the type's `test.request` becomes the routing of a stand-in node's only property, n8n-core's
 * RoutingNode sends it through the real `authenticate`, and the type's rules read the outcome.
 */
export async function testCredential(
	type: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	// OAuth2 types have no `test` request: n8n tests them another way.
	const test = credentialTypes[type]?.test;
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };

	const credentialsHelper = new TestCredentialsHelper();
	credentialsHelper.set(type, data);
	const credentials: ICredentialsDecrypted = {
		id: `${type}-id`,
		name: type,
		type,
		data: credentialsHelper.get(type),
	};

	// n8n uses its NoOp node here; only the name, version and the one routed property matter.
	const nodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: 'n8n-nodes-base.noOp',
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: type, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: test.request },
					default: '',
				},
			],
		},
	};
	const nodeTypes: INodeTypes = {
		getByName: () => nodeType,
		getByNameAndVersion: (_name, version) => NodeHelpers.getVersionedNodeType(nodeType, version),
		getKnownTypes: (): IDataObject => ({}),
	};

	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: nodeType.description.name,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [type]: { id: credentials.id, name: credentials.name } },
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = additionalDataFor(credentialsHelper);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		{ resultData: { runData: {} } } as unknown as IRunExecutionData,
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (caught) {
		const error = caught as {
			message: string;
			cause?: { code?: string; response?: { status: number; statusText?: string } };
		};
		const answer = error.cause?.response;
		if (answer) {
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === answer.status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (answer.status < 199 || answer.status > 299) {
				return {
					status: 'Error',
					message: answer.statusText || `Received HTTP status code: ${answer.status}`,
				};
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	}

	const body = response?.[0]?.[0]?.json;
	for (const rule of test.rules ?? []) {
		// The credential lists success-body rules in the same array; n8n reads them from there.
		const { type: kind, properties } = rule as unknown as {
			type: string;
			properties: { key: string; value: unknown; message: string };
		};
		if (kind === 'responseSuccessBody' && valueAt(body, properties.key) === properties.value) {
			return { status: 'Error', message: properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** A dotted path into the response body, as lodash `get` reads it. */
function valueAt(value: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], value);
}
