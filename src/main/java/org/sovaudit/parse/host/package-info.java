/**
 * Parsers for a host's own configuration, wherever it is found (read from the local host or inside
 * an uploaded tree): who resolves names, keeps time, receives logs, supplies packages and images,
 * carries traffic out, which operating system and packages run, and which peers are connected.
 */
package org.sovaudit.parse.host;
