import { type PhpArrayValue, phpValues } from '../binder';
import { Bitrix24Error } from '../errors';
import { hasImageExtension, sniffImageType } from './imageFormats';

/**
 * What `catalog.productImage.add` answers (code 0) about the file in `fileContent`.
 * The portal reports these through the main module's file checks; the texts are its English ones
 * (`main/lang/en/classes/general/file.php`), except `Could not save image.`, which the catalog
 * controller itself answers when the content does not decode to any bytes.
 */
export const UPLOAD_ERRORS = {
	notSaved: 'Could not save image.',
	tooLarge: 'Maximum allowed size of the file to upload exceeded',
	noName: 'The file name is not specified.',
	badCharacters: 'The filename contains invalid characters.',
	nameTooLong: 'Filename is too long.',
	// One text for a name without a picture extension and for content that is no picture.
	notAnImage: 'File is not a valid picture',
} as const;

/** Longest file name the portal stores. */
const MAX_NAME_LENGTH = 255;

// Characters no stored file name may contain, control characters included.
// eslint-disable-next-line no-control-regex
const INVALID_NAME_CHARACTERS = /[\\/:*?"<>|\u0000-\u001f]/;

export interface UploadedImage {
	name: string;
	bytes: Buffer;
	mimeType: string;
}

function fileError(text: string): Bitrix24Error {
	return new Bitrix24Error(400, 0, text);
}

// PHP's base64_decode skips characters outside the alphabet, and so does Buffer.
function decodedContent(content: unknown): Buffer {
	const bytes = typeof content === 'string' ? Buffer.from(content, 'base64') : Buffer.alloc(0);
	if (bytes.length === 0) throw fileError(UPLOAD_ERRORS.notSaved);
	return bytes;
}

function checkedName(name: unknown): string {
	if (typeof name !== 'string' || name === '') throw fileError(UPLOAD_ERRORS.noName);
	if (INVALID_NAME_CHARACTERS.test(name)) throw fileError(UPLOAD_ERRORS.badCharacters);
	if (name.length > MAX_NAME_LENGTH) throw fileError(UPLOAD_ERRORS.nameTooLong);
	if (!hasImageExtension(name)) throw fileError(UPLOAD_ERRORS.notAnImage);
	return name;
}

/** `fileContent` is `[name, base64]`; the checks run in the order the portal runs them. */
export function readUploadedImage(fileContent: PhpArrayValue, maxBytes: number): UploadedImage {
	const [name, content] = phpValues(fileContent);
	const bytes = decodedContent(content);
	if (bytes.length > maxBytes) throw fileError(UPLOAD_ERRORS.tooLarge);
	const checked = checkedName(name);
	const mimeType = sniffImageType(bytes);
	if (!mimeType) throw fileError(UPLOAD_ERRORS.notAnImage);
	return { name: checked, bytes, mimeType };
}
