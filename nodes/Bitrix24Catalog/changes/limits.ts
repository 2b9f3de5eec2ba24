/**
 * How much the Changes Trigger keeps between polls (in n8n's static data of the workflow, stored
 * with it): stated in the node's notices and the README.
 */

/** Rows compared with the last poll (stock rows, sections) at most: about 1.2 MB of static data for stock. */
export const MAX_COMPARED_ROWS = 50_000;

/**
 * Records read by time are read again from this long before the latest change the last poll saw,
 * and those seen then are remembered, so that a record changed while a poll read the pages (or
 * within the same second) is neither missed nor emitted twice.
 */
export const RECENT_WINDOW_SECONDS = 60;

/** Records the editor's Fetch Test Event shows: the newest ones. */
export const TEST_EVENT_ROWS = 3;
