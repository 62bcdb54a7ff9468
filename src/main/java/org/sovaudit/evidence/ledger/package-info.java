/**
 * Ledger: the append-only Merkle tree (RFC 9162 hashing) of audits and key rotations with a signed
 * tree head after each append, inclusion and consistency proofs, and release 0.1's hash chain.
 */
package org.sovaudit.evidence.ledger;
