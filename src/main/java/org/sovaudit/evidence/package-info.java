/**
 * Evidence stage: signing keys and CMS signatures, the hash-chained ledger, and export bundles
 * that a reviewer verifies offline.
 */
package org.sovaudit.evidence;
