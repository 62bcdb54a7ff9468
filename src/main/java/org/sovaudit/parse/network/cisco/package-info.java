/**
 * Cisco IOS, IOS-XE and NX-OS configurations ({@code show running-config}, RANCID and Oxidized
 * backups with {@code show version}): what the device depends on, and its own model and software.
 */
package org.sovaudit.parse.network.cisco;
