// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import java.util.List;

/**
 * A SOP class this AE supports in one role, with its transfer syntaxes in order of preference
 * (PS3.15 Annex H, Transfer Capability).
 */
public record TransferCapability(String sopClassUid, Role role, List<String> transferSyntaxes) {

    public TransferCapability {
        transferSyntaxes = List.copyOf(transferSyntaxes);
        if (transferSyntaxes.isEmpty()) {
            throw new IllegalArgumentException("transfer capability for " + sopClassUid + " without transfer syntax");
        }
    }

    public static TransferCapability scp(String sopClassUid, String... transferSyntaxes) {
        return new TransferCapability(sopClassUid, Role.SCP, List.of(transferSyntaxes));
    }

    public static TransferCapability scu(String sopClassUid, String... transferSyntaxes) {
        return new TransferCapability(sopClassUid, Role.SCU, List.of(transferSyntaxes));
    }
}
