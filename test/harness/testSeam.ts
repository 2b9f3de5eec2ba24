import { portalBuckets } from '../../nodes/Bitrix24Catalog/limits/leakyBucket';
import { laneSettings } from '../../nodes/Bitrix24Catalog/transport/portalLane';

/**
 * The test seam: how tests and benchmarks reach the node's process-wide state. It lives under
 * test/, so it is neither built into dist nor published with the package.
 */

/** Forgets what is known of a portal's limit, as for a portal never called (a test's portal reset). */
export function forgetPortalLimit(portal: string): void {
	portalBuckets.delete(portal);
}

/** Turns sharing requests between calls off (every call then takes a request of its own), or on again. */
export function setRequestSharing(enabled: boolean): void {
	laneSettings.sharing = enabled;
}
