// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a file looks like from outside: identity (inode), modification time and size. Files here
 * are replaced by rename, so every write gives a new identity even within one mtime tick; comparing
 * stamps tells a reader cheaply (one {@code stat}) whether to read the file again.
 */
public record FileStamp(Object fileKey, FileTime modified, long size) {

    /** The stamp of a file that does not exist. */
    public static final FileStamp ABSENT = new FileStamp(null, FileTime.fromMillis(0), -1);

    public static FileStamp of(Path file) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(a.fileKey(), a.lastModifiedTime(), a.size());
        } catch (NoSuchFileException absent) {
            return ABSENT;
        }
    }

    public boolean exists() {
        return size >= 0;
    }
}
