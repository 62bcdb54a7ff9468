/**
 * Network-device configurations: one sub-package per vendor dialect on the shared
 * {@link org.sovaudit.parse.ConfigTokenizer}, one {@link org.sovaudit.parse.network.DeviceDetection}
 * verdict that decides the dialect, and what the dialects share: the IOS-family and VRP-family
 * commands ({@link org.sovaudit.parse.network.IosStyle}, {@link org.sovaudit.parse.network.VrpStyle}),
 * management ACLs, BGP neighbours, address shapes and the generic extractor for unknown commands.
 */
package org.sovaudit.parse.network;
