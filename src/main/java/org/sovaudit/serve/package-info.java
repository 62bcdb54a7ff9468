/**
 * The web front door: Helidon SE routes for uploading configurations and fetching reports and bundles.
 */
package org.sovaudit.serve;
