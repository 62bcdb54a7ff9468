/**
 * Parse stage: one {@link org.sovaudit.parse.Parser} per format family turns a source file into
 * observations; {@link org.sovaudit.parse.Parsers} is the one registry that chooses among them.
 */
package org.sovaudit.parse;
