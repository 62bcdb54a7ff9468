/**
 * Huawei VRP configurations ({@code display current-configuration}, {@code display version}):
 * control-plane servers (DNS, NTP, syslog, HWTACACS/RADIUS, SNMP) and the device's model and software.
 */
package org.sovaudit.parse.network.huawei;
