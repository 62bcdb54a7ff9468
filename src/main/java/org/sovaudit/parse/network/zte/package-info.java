/**
 * ZTE ZXROS/ZXR10 configurations ({@code show running-config} with {@code !<section>} tags and
 * {@code $} block ends): what the device depends on, and its own model and software.
 */
package org.sovaudit.parse.network.zte;
