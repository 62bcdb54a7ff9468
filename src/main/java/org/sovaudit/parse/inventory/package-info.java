/**
 * Parsers for inventories of what is attached to the ministry's networks: ARP and neighbour tables,
 * LLDP and CDP neighbour outputs, DHCP lease files and nmap scan results (MAC addresses, addresses,
 * device descriptions and service banners).
 */
package org.sovaudit.parse.inventory;
