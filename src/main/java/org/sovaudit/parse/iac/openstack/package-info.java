/**
 * OpenStack service configuration (oslo.config INI files of keystone, nova, neutron, glance,
 * cinder and the rest): the identity, API, message-bus and database endpoints a cloud relies on.
 */
package org.sovaudit.parse.iac.openstack;
