/**
 * H3C Comware configurations ({@code display current-configuration}, {@code display version}; also
 * HPE FlexNetwork switches, which run Comware): what the device depends on, and its own software.
 */
package org.sovaudit.parse.network.h3c;
