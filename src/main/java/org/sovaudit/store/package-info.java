/**
 * Store: the SQLite database (WAL, versioned migrations) that holds audits, their files,
 * observations, findings, signed reports and the ledger.
 */
package org.sovaudit.store;
