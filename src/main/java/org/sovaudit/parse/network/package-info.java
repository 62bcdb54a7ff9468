/**
 * Network-device configurations, one sub-package per vendor dialect. Every dialect reads the lines
 * produced by the shared {@link org.sovaudit.parse.ConfigTokenizer} and interprets its own commands.
 */
package org.sovaudit.parse.network;
