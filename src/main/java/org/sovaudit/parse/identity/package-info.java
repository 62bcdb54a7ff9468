/**
 * Parsers for a host's directory and authentication clients (SSSD, Kerberos, LDAP name-service
 * clients, PAM RADIUS and TACACS+): which servers authenticate the ministry's users and administrators.
 */
package org.sovaudit.parse.identity;
