import type {
	ICredentialDataDecryptedObject,
	INodeListSearchResult,
	INodeParameters,
	INodePropertyOptions,
	ResourceMapperFields,
} from 'n8n-workflow';
import { LoadOptionsContext } from 'n8n-core';

import { Bitrix24Catalog } from '../../nodes/Bitrix24Catalog/Bitrix24Catalog.node';
import { additionalDataFor } from './additionalData';
import { TestCredentialsHelper } from './credentialsHelper';
import { testNode, testWorkflow } from './runNode';

export interface ListSearchOptions {
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	filter?: string;
	paginationToken?: string;
}

type Methods = Bitrix24Catalog['methods'];

/** n8n-core's context for the editor's calls about one parameter, as the editor makes them. */
function editorContext(parameter: string, options: ListSearchOptions): LoadOptionsContext {
	const credentialsHelper = new TestCredentialsHelper();
	credentialsHelper.setAll(options.credentials);
	const node = testNode(options.parameters, Object.keys(options.credentials));
	const additionalData = additionalDataFor(credentialsHelper, { currentNodeParameters: options.parameters });
	return new LoadOptionsContext(testWorkflow(node), node, additionalData, `parameters.${parameter}`);
}

/**
 * Calls one of the node's list searches as the editor does when a resource locator opens its
 * list: through n8n-core's LoadOptionsContext for the parameter being edited.
 */
export async function runListSearch(
	method: keyof Methods['listSearch'],
	parameter: string,
	options: ListSearchOptions,
): Promise<INodeListSearchResult> {
	const search = new Bitrix24Catalog().methods.listSearch[method];
	return await search.call(editorContext(parameter, options), options.filter, options.paginationToken);
}

/** The columns of a mapping form (the `fields` parameter), as the editor loads them. */
export async function runResourceMapping(
	method: keyof Methods['resourceMapping'],
	options: ListSearchOptions,
): Promise<ResourceMapperFields> {
	return await new Bitrix24Catalog().methods.resourceMapping[method].call(editorContext('fields', options));
}

/** The options of a field that loads them (`parameter`), as the editor loads them. */
export async function runLoadOptions(
	method: keyof Methods['loadOptions'],
	parameter: string,
	options: ListSearchOptions,
): Promise<INodePropertyOptions[]> {
	return await new Bitrix24Catalog().methods.loadOptions[method].call(editorContext(parameter, options));
}
