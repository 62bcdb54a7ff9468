/**
 * Ledger: the append-only, hash-chained record of every signed report, kept in the appliance's
 * SQLite database, with a verifier that recomputes every link.
 */
package org.sovaudit.evidence.ledger;
