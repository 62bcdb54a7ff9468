/**
 * Public-key infrastructure: X.509 certificates, bundles and key stores (read with Bouncy Castle,
 * never fetching anything), and the TLS settings of web servers and proxies.
 */
package org.sovaudit.parse.pki;
