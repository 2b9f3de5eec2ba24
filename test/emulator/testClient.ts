/** Plain HTTP calls to the emulator for its own tests: status, text, parsed JSON and headers. */

export interface Reply {
	status: number;
	text: string;
	body: unknown;
	headers: Headers;
}

export async function reply(response: Response): Promise<Reply> {
	const text = await response.text();
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		body = undefined;
	}
	return { status: response.status, text, body, headers: response.headers };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Reply> {
	return reply(await fetch(url, { headers }));
}

export async function postJson(
	url: string,
	payload: unknown,
	headers: Record<string, string> = {},
): Promise<Reply> {
	return reply(
		await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...headers },
			body: JSON.stringify(payload),
		}),
	);
}

export async function postForm(
	url: string,
	form: string,
	headers: Record<string, string> = {},
): Promise<Reply> {
	return reply(
		await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
			body: form,
		}),
	);
}

/** The `result` of a Bitrix24 answer, typed as the map most methods answer with. */
export function resultOf(answer: Reply): Record<string, unknown> {
	return (answer.body as { result: Record<string, unknown> }).result;
}

/** The body of a Bitrix24 error answer. */
export function error(
	code: string | number,
	description: string,
): { error: string | number; error_description: string } {
	return { error: code, error_description: description };
}

/** Asserts that a call was answered with this Bitrix24 error (HTTP 400 unless said otherwise). */
export async function expectErrorReply(
	answer: Promise<Reply>,
	code: string | number,
	description: string,
	status = 400,
): Promise<void> {
	const reply = await answer;
	expect([reply.status, reply.body]).toEqual([status, error(code, description)]);
}
