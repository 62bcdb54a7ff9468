/**
 * Export bundles: one deterministic zip per audit with every rendering of the report, signatures,
 * certificate chain, key history, tree head and proofs under a signed manifest, and their verifier.
 */
package org.sovaudit.evidence.bundle;
