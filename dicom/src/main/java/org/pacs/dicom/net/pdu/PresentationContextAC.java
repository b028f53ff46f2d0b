// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/**
 * Presentation context item of an A-ASSOCIATE-AC (PS3.8 §9.3.3.2, Table 9-18): the result for one
 * proposed context and, when accepted, the one transfer syntax chosen.
 *
 * @param transferSyntax the accepted transfer syntax; on rejection PS3.8 says it "shall not be
 *                       tested", so it may be empty
 */
public record PresentationContextAC(int id, int result, String transferSyntax) {

    public static final int ACCEPTANCE = 0;
    public static final int USER_REJECTION = 1;
    public static final int NO_REASON = 2;
    public static final int ABSTRACT_SYNTAX_NOT_SUPPORTED = 3;
    public static final int TRANSFER_SYNTAXES_NOT_SUPPORTED = 4;

    public PresentationContextAC {
        Uids.checkContextId(id);
        if (result < ACCEPTANCE || result > TRANSFER_SYNTAXES_NOT_SUPPORTED) {
            throw new IllegalArgumentException("presentation context result " + result);
        }
        if (result == ACCEPTANCE) {
            Uids.check(transferSyntax);
        } else if (transferSyntax == null) {
            transferSyntax = "";
        }
    }

    public boolean isAccepted() {
        return result == ACCEPTANCE;
    }

    public static PresentationContextAC accept(int id, String transferSyntax) {
        return new PresentationContextAC(id, ACCEPTANCE, transferSyntax);
    }

    public static PresentationContextAC reject(int id, int result) {
        return new PresentationContextAC(id, result, "");
    }
}
