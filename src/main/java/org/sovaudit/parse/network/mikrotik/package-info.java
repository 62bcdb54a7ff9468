/**
 * MikroTik RouterOS exports ({@code /export}, {@code /export terse}, {@code .rsc} scripts): what the
 * router depends on, and its own model and software.
 */
package org.sovaudit.parse.network.mikrotik;
