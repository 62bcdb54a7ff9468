/**
 * Collect stage: sources of files (a directory tree, an uploaded archive) that stream
 * {@link org.sovaudit.model.SourceFile}s to the pipeline one at a time, defensively.
 */
package org.sovaudit.collect;
