/**
 * Juniper Junos configurations, curly ({@code show configuration}) and flat
 * ({@code show configuration | display set}): what the device depends on, and its own software.
 */
package org.sovaudit.parse.network.juniper;
