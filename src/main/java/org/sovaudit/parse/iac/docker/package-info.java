/**
 * Dockerfiles and Containerfiles: the base images every stage builds on and the package mirrors
 * the build switches to.
 */
package org.sovaudit.parse.iac.docker;
