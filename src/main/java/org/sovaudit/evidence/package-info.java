/**
 * Evidence stage: signing keys and CMS signatures, the RFC 9162 Merkle-tree ledger with signed
 * tree heads, and export bundles that a reviewer verifies offline with sovaudit or OpenSSL alone.
 */
package org.sovaudit.evidence;
