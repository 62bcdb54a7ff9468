/**
 * The command-line front door: picocli commands for scanning, verifying, serving and the demo.
 */
package org.sovaudit.cli;
