/**
 * Assess stage: the policy turns attributions into findings and per-layer foreign shares.
 */
package org.sovaudit.assess;
