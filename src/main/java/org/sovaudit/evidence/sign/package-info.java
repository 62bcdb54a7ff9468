/**
 * Signing: the appliance's ECDSA P-256 key and self-signed certificate, detached CMS signatures
 * over reports that plain OpenSSL verifies, and the verifier reviewers' tools use.
 */
package org.sovaudit.evidence.sign;
