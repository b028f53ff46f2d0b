// SPDX-License-Identifier: Apache-2.0
/**
 * Association negotiation as pure functions (PS3.8 §7.1, PS3.7 Annex D.3.3): presentation
 * contexts, SCP/SCU roles, user identity, extended negotiation, and the {@link
 * org.pacs.dicom.net.acse.AssociationPolicy} hook that accepts or rejects.
 */
package org.pacs.dicom.net.acse;
