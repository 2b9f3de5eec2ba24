import type { OperationField, Resource } from '../../kit/resource';
import { ownFieldsOf } from '../../kit/resource';
import { deleteImage } from './delete.operation';
import { deleteAllImages } from './deleteAll.operation';
import { downloadImage } from './download.operation';
import { getImage } from './get.operation';
import { getImageFields } from './getFields.operation';
import { getManyImages } from './getMany.operation';
import { uploadImage } from './upload.operation';
import { binaryPropertyField, imageIdField, productIdField } from './fields';

const operations = {
	upload: uploadImage,
	get: getImage,
	getMany: getManyImages,
	download: downloadImage,
	getFields: getImageFields,
	delete: deleteImage,
	deleteAll: deleteAllImages,
};

const operationField: OperationField<typeof operations> = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	displayOptions: { show: { resource: ['productImage'] } },
	options: [
		{
			name: 'Delete',
			value: 'delete',
			description: 'Remove an image from a product, variation or service',
			action: 'Delete a product image',
		},
		{
			name: 'Delete All',
			value: 'deleteAll',
			description: 'Remove every image of a product, or every image of one type',
			action: 'Delete all images of a product',
		},
		{
			name: 'Download',
			value: 'download',
			description: "Get an image's file as binary data",
			action: 'Download a product image',
		},
		{
			name: 'Get',
			value: 'get',
			description: "Get an image's details",
			action: 'Get a product image',
		},
		{
			name: 'Get Fields',
			value: 'getFields',
			description: 'Get the fields a product image has',
			action: 'Get the fields of product images',
		},
		{
			name: 'Get Many',
			value: 'getMany',
			description: "List a product's images",
			action: 'Get many product images',
		},
		{
			name: 'Upload',
			value: 'upload',
			description: 'Add an image to a product from binary data',
			action: 'Upload a product image',
		},
	],
	default: 'delete',
};

export const productImage: Resource<typeof operations> = {
	name: 'Product Image',
	value: 'productImage',
	operations,
	description: [
		operationField,
		productIdField(['upload', 'get', 'getMany', 'download', 'delete', 'deleteAll']),
		imageIdField(['get', 'download', 'delete']),
		binaryPropertyField(['upload'], 'input'),
		binaryPropertyField(['download'], 'output'),
		...ownFieldsOf(Object.values(operations)),
	],
};
