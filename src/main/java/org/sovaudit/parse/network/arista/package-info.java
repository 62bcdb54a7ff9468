/**
 * Arista EOS configurations ({@code show running-config}): what the switch depends on (CloudVision
 * included), and its own model and software.
 */
package org.sovaudit.parse.network.arista;
