/**
 * Export bundles: one deterministic zip per audit with the report, its signature, the appliance
 * certificate and the ledger entry, and the offline verifier reviewers run on it.
 */
package org.sovaudit.evidence.bundle;
