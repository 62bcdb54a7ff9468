package org.sovaudit.collect;

import org.sovaudit.model.FileError;
import org.sovaudit.model.SourceFile;

/** Receives what a collector finds. */
public interface FileSink {

    /** A file that was read. */
    void accept(SourceFile file);

    /** A file that was refused or could not be read, with the reason. */
    void reject(FileError error);
}
