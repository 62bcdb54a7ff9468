/**
 * Huawei VRP configurations ({@code display current-configuration}, batch scripts, CLI sessions,
 * {@code display version}): what the device depends on, and its own model and software.
 */
package org.sovaudit.parse.network.huawei;
