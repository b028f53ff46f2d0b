// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import java.io.IOException;

/** Reading the stored object failed while its data set was being sent: the message was cut off. */
final class SourceFailure extends IOException {
    SourceFailure(IOException cause) {
        super("stored object failed while being sent: " + cause.getMessage(), cause);
    }
}
