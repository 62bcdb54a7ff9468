/**
 * Report stage: the one report model written as canonical JSON and as self-contained HTML.
 */
package org.sovaudit.report;
