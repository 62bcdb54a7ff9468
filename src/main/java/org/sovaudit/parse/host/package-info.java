/**
 * Parsers for a host's own configuration files: resolv.conf, chrony and ntpd configuration, and APT
 * sources (one-line and deb822). They show who resolves names, keeps time and supplies packages.
 */
package org.sovaudit.parse.host;
