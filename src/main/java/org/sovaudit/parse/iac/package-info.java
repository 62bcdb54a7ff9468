/**
 * Infrastructure-as-code formats, one sub-package per tool: what cloud providers, regions and
 * services a ministry's infrastructure definitions bind it to.
 */
package org.sovaudit.parse.iac;
