/**
 * The generic extractor: every host name, IP address and URL on a line no specific parser explains,
 * recorded with the role {@code unknown} so that no value is lost, and the parser that applies it to
 * text configuration no other parser reads.
 */
package org.sovaudit.parse.generic;
