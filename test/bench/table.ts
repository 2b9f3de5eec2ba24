/* eslint-disable @n8n/community-nodes/no-restricted-globals -- benchmark output, never shipped */
/** Prints a Markdown table, columns padded to their widest cell, so results paste into notes. */
export function printTable(title: string, header: string[], lines: string[][]): void {
	const widths = header.map((cell, column) =>
		Math.max(cell.length, ...lines.map((line) => line[column].length)),
	);
	const format = (cells: string[]) =>
		`| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	process.stdout.write(`${title}\n`);
	process.stdout.write(
		`${format(header)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|\n`,
	);
	for (const line of lines) process.stdout.write(`${format(line)}\n`);
}
