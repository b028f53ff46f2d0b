// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.List;

/**
 * Presentation context item of an A-ASSOCIATE-RQ (PS3.8 §9.3.2.2): an odd identifier, one abstract
 * syntax and the transfer syntaxes proposed for it.
 */
public record PresentationContextRQ(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContextRQ {
        Uids.checkContextId(id);
        Uids.check(abstractSyntax);
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("presentation context " + id + " proposes no transfer syntax");
        }
        transferSyntaxes.forEach(Uids::check);
    }

    public PresentationContextRQ(int id, String abstractSyntax, String... transferSyntaxes) {
        this(id, abstractSyntax, List.of(transferSyntaxes));
    }
}
