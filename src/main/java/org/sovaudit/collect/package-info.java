/**
 * Collect stage: sources of files (a directory tree, an archive of any supported format with the
 * archives inside it, the local host read-only) that stream {@link org.sovaudit.model.SourceFile}s
 * to the pipeline one at a time, defensively and within {@link org.sovaudit.collect.CollectLimits}.
 */
package org.sovaudit.collect;
