/**
 * The records every pipeline stage passes on: source files, observations, attributions, findings
 * and the audit report. Immutable values only; no behaviour beyond validation and naming.
 */
package org.sovaudit.model;
