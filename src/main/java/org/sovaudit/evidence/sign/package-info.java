/**
 * Signing: the appliance's encrypted key (ECDSA P-256, RSA-3072 or Ed25519), its certificates and
 * rotations, detached CMS signatures that OpenSSL verifies, and the verifiers reviewers' tools use.
 */
package org.sovaudit.evidence.sign;
