/**
 * cloud-init configuration ({@code #cloud-config} user data, cloud.cfg): package mirrors, time
 * and name servers, log and management servers a host is set up to use at first boot.
 */
package org.sovaudit.parse.iac.cloudinit;
