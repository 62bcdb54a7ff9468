/**
 * Docker Compose files (compose.yaml, docker-compose.yml): the images, resolvers, pinned hosts and
 * log destinations of every service.
 */
package org.sovaudit.parse.iac.compose;
